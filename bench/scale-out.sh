#!/usr/bin/env bash
# Capacity of one Postgres: webhook intake and the runner's drain together, first with one replica
# of each, then with two of each, against the same database. Each webhook replica gets its own wrk
# (CONNECTIONS each) posting new signed messages; the runners reply to them as they arrive, through
# bench/CloudApiStub.java (0 ms). Reports per replica req/s or jobs/s and its CPU (% of one core),
# Postgres' CPU (all its processes) and the machine's busy share, over the measured window.
# Usage: bench/scale-out.sh [seconds]   (default 15; a 10 s warm-up per phase is discarded)
#   CONNECTIONS (default 16), REPLICAS (default "1 2")
source "$(dirname "$0")/lib.sh"
SECONDS_MEASURED=${1:-15}
CONNECTIONS=${CONNECTIONS:-16}
SECRET=bench-secret
DB=inbox_bench_scale
URL=postgresql://postgres@127.0.0.1:5432/$DB
TICKS=$(getconf CLK_TCK)
command -v wrk > /dev/null || apt-get install -y -q wrk > /dev/null
work=$(mktemp -d)

fresh_database $DB > /dev/null
# Measures the services, not Meta's limits: the default number's rate far above what one Postgres
# drains (the customers repeat, so the runners also run with the pair limit off).
psql $PG -d $DB -qc "UPDATE \"Channel\" SET \"messagesPerSecond\" = 1000000 WHERE \"isDefault\""
start_stub 18390 0 "$work/stub.log"
sign_bodies "$work/bodies.tsv" "$SECRET"

cpu_ticks() { # pid... : user + system clock ticks used so far, summed
  for pid in "$@"; do awk '{print $14 + $15}' "/proc/$pid/stat" 2> /dev/null || echo 0; done |
    awk '{s += $1} END {print s + 0}'
}
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
done_jobs() { psql $PG -d $DB -Atc "SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'"; }
percent() { echo "$1 $2" | awk -v t="$TICKS" '{printf "%.0f %%", 100 * $1 / t / $2}'; }

offset=0
posting() { # replicas seconds: one wrk per webhook replica, in parallel, each on its own bodies
  local pids=()
  for r in $(seq 1 "$1"); do
    wrk -t2 -c"$CONNECTIONS" -d"$2s" -s "$ROOT/bench/webhook.lua" \
      "http://127.0.0.1:$((18380 + r))/api/webhooks/whatsapp" -- "$offset" 2 "$work/bodies.tsv" \
      > "$work/wrk-$r.txt" &
    pids+=($!)
    offset=$((offset + 20000))
  done
  wait "${pids[@]}"
}

echo "Machine: $(machine)"
echo "Each webhook replica: wrk, $CONNECTIONS connections, ${SECONDS_MEASURED}s; runners at their default concurrency."
printf '| replicas | webhook req/s (each) | webhook CPU (each) | runner jobs/s (all) | runner CPU (each) | Postgres CPU | machine busy | queued at the end |\n|---|---|---|---|---|---|---|---|\n'
for n in ${REPLICAS:-1 2}; do
  webhooks=() runners=()
  for r in $(seq 1 "$n"); do
    start_webhook $((18380 + r)) "$work/webhook-$n-$r.log" "$URL" $SECRET
    webhooks+=("${PIDS[-1]}")
    start_runner $((18390 + r)) "$work/runner-$n-$r.log" "$URL" 18390 RUNNER_PAIR_INTERVAL=0s
    runners+=("${PIDS[-1]}")
  done
  posting "$n" 10 # warm-up, discarded
  sleep 3
  mapfile -t postgres < <(pgrep -x postgres)
  w0=$(for p in "${webhooks[@]}"; do cpu_ticks "$p"; done)
  r0=$(for p in "${runners[@]}"; do cpu_ticks "$p"; done)
  pg0=$(cpu_ticks "${postgres[@]}") m0=$(busy_ticks) d0=$(done_jobs) t0=$(date +%s%N)
  posting "$n" "$SECONDS_MEASURED"
  t1=$(date +%s%N) d1=$(done_jobs) m1=$(busy_ticks)
  mapfile -t postgres < <(pgrep -x postgres)
  pg1=$(cpu_ticks "${postgres[@]}")
  w1=$(for p in "${webhooks[@]}"; do cpu_ticks "$p"; done)
  r1=$(for p in "${runners[@]}"; do cpu_ticks "$p"; done)
  secs=$(echo "$t0 $t1" | awk '{printf "%.2f", ($2 - $1) / 1e9}')
  rps=$(for r in $(seq 1 "$n"); do awk '/Requests\/sec/ {printf "%.0f ", $2}' "$work/wrk-$r.txt"; done)
  wcpu=$(paste <(echo "$w0") <(echo "$w1") | while read -r a b; do echo -n "$(percent $((b - a)) "$secs") "; done)
  rcpu=$(paste <(echo "$r0") <(echo "$r1") | while read -r a b; do echo -n "$(percent $((b - a)) "$secs") "; done)
  busy=$(echo "$m0 $m1" | awk '{printf "%.0f %%", 100 * ($3 - $1) / ($4 - $2)}')
  queued=$(psql $PG -d $DB -Atc "SELECT count(*) FROM \"OutboundJob\" WHERE status IN ('QUEUED', 'RUNNING')")
  echo "| $n + $n | $rps| $wcpu| $(echo "$d0 $d1 $secs" | awk '{printf "%.0f", ($2 - $1) / $3}') | $rcpu| $(percent $((pg1 - pg0)) "$secs") | $busy | $queued |"
  for p in "${webhooks[@]}" "${runners[@]}"; do kill "$p"; done
  wait "${webhooks[@]}" "${runners[@]}" 2> /dev/null || true
  PIDS=("${PIDS[0]}")
done
