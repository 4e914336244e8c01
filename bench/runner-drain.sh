#!/usr/bin/env bash
# Drains N queued jobs through the packaged job-runner-service against a local stub Cloud API
# (bench/CloudApiStub.java, zero or 100 ms latency) at several runner concurrencies; reports jobs/s
# and enqueue-to-send latency p50/p99 of a drain that follows a warm-up drain in the same runner
# (as many jobs; a quarter with the 100 ms stub): the JIT's first minute is not what a running
# service sees. After each drain with the 0 ms stub, with the runner stopped, pgbench runs the
# runner's per-job statements (bench/RunnerStatements.java, filled in with the packaged runner's
# SQL constants by bench/PgbenchScript.java) on the same database with as many clients as the
# runner's concurrency: one claim per RUNNER_BATCH_SIZE jobs, and the reservation, the two pacing
# slots (one statement) and the record in pipelines of PGBENCH_GROUP as GroupCommit sends them. By default the group size is the one that gives
# pgbench as many commits per job as the runner's drain made (pg_stat_database): that is how the
# runner really grouped them. It reports pgbench's jobs/s, service/pgbench, and the commits per job
# of both. Then the idle case: one job at a time,
# 100 ms apart.
# Usage: bench/runner-drain.sh [jobs]   (default 8000; a tenth of that with the 100 ms stub)
# CONCURRENCIES="1 4 8 32", DELAYS="0 100", RUNNER_BATCH_SIZE=20, PGBENCH_GROUP and
# RUNNER_EXTRA_ENV="VAR=value …" vary the run; PGBENCH=0 skips pgbench.
source "$(dirname "$0")/lib.sh"
JOBS=${1:-8000}
DB=inbox_bench_runner
URL=postgresql://postgres@127.0.0.1:5432/$DB
work=$(mktemp -d)

enqueue() { # count
  psql $PG -d $DB -q -o /dev/null 2>/dev/null <<SQL
TRUNCATE "OutboundMessageLog", "OutboundJob", "Message", "Task", "Notification", "Conversation", "Contact" RESTART IDENTITY CASCADE;
-- The drain measures the runner, not Meta's per-number limit (80/s by default): lift the default
-- number's pacing far above what one Postgres can drain.
UPDATE "Channel" SET "messagesPerSecond" = 1000000 WHERE "isDefault";
INSERT INTO "Contact" ("phone", "name") SELECT '+2607' || lpad(g::text, 8, '0'), 'C' || g FROM generate_series(1, $1) g;
INSERT INTO "Conversation" ("contactId") SELECT id FROM "Contact";
INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId")
  SELECT id, 'INBOUND', 'hello', 'wamid.in.' || id FROM "Conversation";
SQL
  # Enqueued in one transaction with one NOTIFY, as a burst of webhooks would leave them.
  psql $PG -d $DB -q -o /dev/null -c "BEGIN; INSERT INTO \"OutboundJob\" (\"conversationId\", \"inboundMessageId\", \"inboundProviderMessageId\", \"createdAt\", \"runAt\") SELECT \"conversationId\", id, \"providerMessageId\", clock_timestamp() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' FROM \"Message\"; SELECT pg_notify('inbox_outbound_job', '0'); COMMIT;"
  analyze_database $DB
}

wait_done() { # count (figures come from row timestamps; the poll is slow to leave the CPU to the drain)
  for _ in $(seq 1 600); do
    [ "$(psql $PG -d $DB -Atc "SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'")" = "$1" ] && return 0
    sleep 0.5
  done
  echo "❌ not drained" >&2; exit 1
}

commits() { # transactions committed in the bench database so far (stats flush within a second)
  sleep 1
  psql $PG -d $DB -Atc "SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'"
}

# pgbench running the runner's statements for about as many jobs, with `clients` clients; prints
# "jobs/s commits-per-job group".
pgbench_statements() { # clients jobs runner-commits-per-job
  local batch=${RUNNER_BATCH_SIZE:-20} group=${PGBENCH_GROUP:-}
  # Per batch pgbench commits its claim, two reads and 3 × ceil(batch / group) pipelines.
  [ -n "$group" ] || group=$(echo "$3 $batch" | awk '{p = ($1 * $2 - 3) / 3; g = (p > 0) ? int($2 / p + 0.5) : $2;
    print (g < 1) ? 1 : (g > $2) ? $2 : g}')
  local rounds=$(($2 / ($1 * batch) > 0 ? $2 / ($1 * batch) : 1))
  local jobs=$((rounds * $1 * batch)) before tps
  java "$ROOT/bench/RunnerStatements.java" "$batch" "$group" |
    java "$ROOT/bench/PgbenchScript.java" "$ROOT/job-runner-service/target/quarkus-app" \
      > "$work/runner-statements-$1.sql"
  enqueue "$jobs"
  before=$(commits)
  tps=$(pgbench $PG -n -M prepared -c "$1" -j 2 -t "$rounds" -f "$work/runner-statements-$1.sql" "$DB" 2>&1 |
    awk '/without initial connection time/ {print $3}')
  [ "$(psql $PG -d $DB -Atc "SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'")" = "$jobs" ] ||
    { echo "❌ pgbench did not complete its $jobs jobs" >&2; exit 1; }
  echo "$tps $batch $jobs $before $(commits)" | awk -v group="$group" '{printf "%d %.2f %d\n", $1 * $2, ($5 - $4) / $3, group}'
}

report() { # label
  psql $PG -d $DB -At -F ' ' -c "
    SELECT count(*),
           round(count(*) / GREATEST(EXTRACT(EPOCH FROM max(m.\"createdAt\") - min(j.\"createdAt\")), 0.001)),
           round(1000 * EXTRACT(EPOCH FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY m.\"createdAt\" - j.\"createdAt\"))),
           round(1000 * EXTRACT(EPOCH FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY m.\"createdAt\" - j.\"createdAt\")))
      FROM \"OutboundJob\" j
      JOIN \"OutboundMessageLog\" l ON l.\"outboundJobId\" = j.id
      JOIN \"Message\" m ON m.\"providerMessageId\" = l.\"providerMessageId\"" |
    awk -v label="$1" '{printf "| %s | %s | %s | %s ms | %s ms |\n", label, $1, $2, $3, $4}'
}

fresh_database $DB > /dev/null
start_stub 18090 0 "$work/stub18090.log"
start_stub 18091 100 "$work/stub18091.log"
echo "Machine: $(machine)"
printf '| stub latency, runner concurrency | jobs | jobs/s | enqueue→send p50 | p99 | pgbench jobs/s | service/pgbench | commits/job: runner, pgbench | pgbench group | runner RSS after |\n|---|---|---|---|---|---|---|---|---|---|\n'
for delay in ${DELAYS:-0 100}; do
  n=$JOBS; [ "$delay" = 100 ] && n=$((JOBS / 10))
  for c in ${CONCURRENCIES:-1 4 8 32}; do
    port=$((18092 + c))
    start_runner "$port" "$work/runner-$delay-$c.log" "$URL" $((18090 + delay / 100)) \
      RUNNER_CONCURRENCY=$c RUNNER_BATCH_SIZE=${RUNNER_BATCH_SIZE:-20} RUNNER_POLL_INTERVAL=1s \
      ${RUNNER_EXTRA_ENV:-}
    warm=$n; [ "$delay" = 100 ] && warm=$((n / 4))
    enqueue "$warm"
    wait_done "$warm"
    before=$(commits)
    enqueue "$n"
    wait_done "$n"
    runner_commits=$(echo "$before $(commits) $n" | awk '{printf "%.2f", ($2 - $1) / $3}')
    row=$(report "${delay} ms, $c")
    runner_rate=$(echo "$row" | awk -F'|' '{print $4 + 0}')
    rss=$(rss_mb "${PIDS[-1]}")
    kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'
    if [ "$delay" = 0 ] && [ "${PGBENCH:-1}" != 0 ]; then
      pg=$(pgbench_statements "$c" "$n" "$runner_commits")
      read -r pg_rate pg_commits pg_group <<< "$pg"
      row="$row $pg_rate | $(echo "$runner_rate $pg_rate" | awk '{printf "%.2f", $1 / $2}') | $runner_commits, $pg_commits | $pg_group | $rss MB |"
    else
      row="$row — | — | $runner_commits, — | — | $rss MB |"
    fi
    echo "$row"
  done
done

# Idle: one job at a time, as single webhooks arrive. All to one customer, so Meta's pair limit
# (one message per customer every 6 s) is switched off: this measures the wake-up, not the limit.
start_runner 18099 "$work/runner-idle.log" "$URL" 18090 RUNNER_POLL_INTERVAL=1s RUNNER_PAIR_INTERVAL=0s
enqueue 0 > /dev/null
psql $PG -d $DB -q -c "INSERT INTO \"Contact\" (\"phone\") VALUES ('+260700000001'); INSERT INTO \"Conversation\" (\"contactId\") VALUES (1);"
for i in $(seq 1 60); do
  psql $PG -d $DB -q -o /dev/null -c "INSERT INTO \"Message\" (\"conversationId\", direction, body, \"providerMessageId\") VALUES (1, 'INBOUND', 'hi', 'wamid.idle.$i')" \
    -c "WITH job AS (INSERT INTO \"OutboundJob\" (\"conversationId\", \"inboundProviderMessageId\", \"createdAt\") VALUES (1, 'wamid.idle.$i', clock_timestamp() AT TIME ZONE 'UTC') RETURNING id) SELECT pg_notify('inbox_outbound_job', id::text) FROM job"
  sleep 0.1
done
wait_done 60
report "idle (one at a time), 8"
