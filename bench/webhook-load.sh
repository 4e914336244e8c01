#!/usr/bin/env bash
# Sustained requests/s and p50/p99 of the packaged webhook-service at increasing concurrency, each
# request a new signed message, beside pgbench running the same transaction on the same Postgres.
# The service is warmed up first (a discarded run at the highest level); then each level runs RUNS
# times, service and pgbench in turn, and the table gives the median and the spread (min–max).
# CPU/request is the service process's CPU time (user + system) over a run by its requests: it
# moves less with a shared machine's load than req/s, so it shows better what a change saves.
# Usage: bench/webhook-load.sh [seconds-per-run]   (default 8)
#   WARMUP_SECONDS (default 15), RUNS (default 3), LEVELS (default "1 4 16 64")
source "$(dirname "$0")/lib.sh"
SECONDS_PER_LEVEL=${1:-8}
WARMUP_SECONDS=${WARMUP_SECONDS:-15}
RUNS=${RUNS:-3}
LEVELS=${LEVELS:-1 4 16 64}
SECRET=bench-secret
command -v wrk > /dev/null || apt-get install -y -q wrk > /dev/null
work=$(mktemp -d)

fresh_database inbox_bench_webhook
start_webhook 18081 "$work/webhook.log" postgresql://postgres@127.0.0.1:5432/inbox_bench_webhook $SECRET

sign_bodies "$work/bodies.tsv" "$SECRET"

# What the service does per delivery (EventTransaction, InboundMessageIngestor): one transaction,
# processing in a savepoint, the message in two statements, the second also marking the event.
# bench/PgbenchScript.java fills in the service's own SQL (EventTransaction, WebhookEventStore,
# InboundSql) from the packaged jar; the values below stand for the parameters. Each transaction is
# a new contact and a new message on the default channel (id 1).
java "$ROOT/bench/PgbenchScript.java" "$ROOT/webhook-service/target/quarkus-app" > "$work/pgbench.sql" <<'SQL'
\set n random(1, 2000000000)
\set m random(1, 1000000000000000)
{{io.inbox.webhook.event.EventTransaction.BEGIN}};
{{io.inbox.webhook.event.WebhookEventStore.INSERT_PARSED
  $1 'pgbench'
  $2 '{"object":"whatsapp_business_account","entry":[]}'
}} \gset event_
{{io.inbox.webhook.event.EventTransaction.SAVEPOINT}};
{{io.inbox.webhook.ingest.InboundSql.UPSERT_CONTACT
  $1 '+' || :n
  $2 :n::text
  $3 'Bench'
}} \gset contact_
{{io.inbox.webhook.ingest.InboundSql.INGEST
  $1 'wamid.pg.' || :m
  $2 '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00'
  $3 :contact_id
  $4 1
  $5 TRUE
  $6 (now() AT TIME ZONE 'UTC')
  $7 'hello'
  $8 'text'
  $9 NULL
  $10 NULL
  $11 NULL
  $12 NULL
  $13 NULL
  $14 NULL
  $15 NULL
  $16 NULL
  $17 NULL
  $18 NULL
  $19 NULL
  $20 :event_id
  $21 NULL
}};
{{io.inbox.webhook.event.EventTransaction.COMMIT}};
SQL

# Each run posts bodies no earlier run posted: the file is split into one slice per run.
read -ra levels <<< "$LEVELS"
slice=$((400000 / (${#levels[@]} * RUNS + 1)))
offset=0
wrk_run() { # connections seconds
  local threads=$(( $1 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$1" -d"$2s" --latency -s "$ROOT/bench/webhook.lua" \
    http://127.0.0.1:18081/api/webhooks/whatsapp -- "$offset" "$threads" "$work/bodies.tsv"
  offset=$((offset + slice))
}

# A freshly started JVM runs its first seconds interpreted: that is not the service's rate.
top=${levels[$((${#levels[@]} - 1))]}
echo "⏳ Warm-up: ${WARMUP_SECONDS}s at $top connections (discarded)"
wrk_run "$top" "$WARMUP_SECONDS" > /dev/null
analyze_database inbox_bench_webhook

echo "Machine: $(machine)"
echo "Median of $RUNS runs of ${SECONDS_PER_LEVEL}s per level, (min–max) beside it; service/pgbench: the medians' ratio."
printf '| concurrency | service req/s | p50 | p99 | service CPU/request | pgbench tps | pgbench avg latency | service/pgbench |\n|---|---|---|---|---|---|---|---|\n'
for c in "${levels[@]}"; do
  threads=$(( c < 2 ? 1 : 2 ))
  : > "$work/runs.tsv"
  for _ in $(seq 1 "$RUNS"); do
    before=$(cpu_ticks "${PIDS[0]}")
    wrk_run "$c" "$SECONDS_PER_LEVEL" > "$work/wrk.txt" # not $(…): the offset must move on here
    ticks=$(($(cpu_ticks "${PIDS[0]}") - before))
    out=$(cat "$work/wrk.txt")
    pg=$(pgbench $PG -n -c "$c" -j "$threads" -T "$SECONDS_PER_LEVEL" -f "$work/pgbench.sql" inbox_bench_webhook 2>/dev/null)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
      "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
      "$(echo "$out" | awk '$1 == "50%" {print $2}')" \
      "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
      "$(echo "$out" | awk '/Non-2xx/ {print $NF}')" \
      "$(echo "$pg" | awk '/^tps/ {print $3; exit}')" \
      "$(echo "$pg" | awk '/latency average/ {print $4}')" \
      "$(echo "$out" | awk '/requests in/ {print $1}')" "$ticks" >> "$work/runs.tsv"
  done
  python3 - "$c" "$work/runs.tsv" "$(getconf CLK_TCK)" <<'PY'
import statistics, sys
level, path, hz = sys.argv[1], sys.argv[2], int(sys.argv[3])
runs = [line.rstrip("\n").split("\t") for line in open(path) if line.strip()]
def ms(wrk):  # wrk prints 812.00us, 4.40ms, 1.02s, 1.50m
    for unit, factor in (("us", 0.001), ("ms", 1), ("s", 1000), ("m", 60000)):
        if wrk.endswith(unit):
            return float(wrk[: -len(unit)]) * factor
    raise ValueError(wrk)
def column(i, parse=float):
    return [parse(r[i]) for r in runs]
def spread(values, fmt):
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}–{fmt(max(values))})"
rps, tps = column(0), column(4)
whole = lambda v: f"{v:.0f}"
millis = lambda v: f"{v:.1f} ms"
non2xx = sum(int(r[3]) for r in runs if r[3])
cpu = [int(r[7]) * 1000 / hz / int(r[6]) for r in runs]
print(f"| {level} | {spread(rps, whole)} | {millis(statistics.median(column(1, ms)))}"
      f" | {spread(column(2, ms), millis)} | {spread(cpu, lambda v: f'{v:.2f} ms')} | {spread(tps, whole)}"
      f" | {millis(statistics.median(column(5)))} | {statistics.median(rps) / statistics.median(tps):.2f} |"
      + (f" (non-2xx: {non2xx})" if non2xx else ""))
PY
done
echo "webhook-service RSS after the load: $(rss_mb "${PIDS[0]}") MB"
echo "Rows written by the service: $(psql $PG -d inbox_bench_webhook -Atc "SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" LIKE 'wamid.bench.%'") messages"
