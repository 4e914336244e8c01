#!/usr/bin/env bash
# How fast each part starts, JVM start included: the guard's `verify` (wall time, it runs before
# every pod starts) and each service from launch to its readiness answering 200, with the resident
# memory at that moment. Each is measured without and with an AppCDS archive made by one training
# start, both with -XX:TieredStopAtLevel=1 as the manifests set it.
# Usage: bench/startup.sh [runs]   (default 5; the table gives the median and the max)
source "$(dirname "$0")/lib.sh"
runs=${1:-5}
DB=inbox_bench_startup
URL=postgresql://postgres@127.0.0.1:5432/$DB
fresh_database $DB > /dev/null
for module in webhook-service job-runner-service admin-service; do need_jar $module; done
export DATABASE_URL=$URL WHATSAPP_APP_SECRET=bench WHATSAPP_VERIFY_TOKEN=bench CRON_SECRET=bench \
  ADMIN_API_TOKEN=bench WHATSAPP_PROVIDER=sandbox QUARKUS_LOG_LEVEL=WARN \
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_HTTP_PORT=18181 \
  QUARKUS_MANAGEMENT_PORT=19181

# The archive is written when the training start's JVM exits (also on SIGTERM). It is only valid
# for this JVM build and these jars' sizes and mtimes: every `package` rewrites quarkus-run.jar, so
# an archive has to be made after the build, with the JVM that will run it.
archive_of() { echo "$(dirname "$1")/app-cds.jsa"; }

# One start: milliseconds to ready and RSS in MB then, tab-separated.
start_once() { # jar [java flags...]
  local jar=$1; shift
  local s; s=$(date +%s%N)
  java "$@" -jar "$jar" > /tmp/inbox-bench-startup.log 2>&1 &
  local pid=$!
  until curl -fs -o /dev/null http://127.0.0.1:19181/q/health/ready; do
    kill -0 $pid 2> /dev/null || { echo "❌ $jar exited; see /tmp/inbox-bench-startup.log" >&2; exit 1; }
    sleep 0.01
  done
  local e; e=$(date +%s%N)
  printf '%d\t%d\n' $(((e - s) / 1000000)) $(rss_mb $pid)
  kill $pid; wait $pid 2> /dev/null || true
}

verify_once() { # jar [java flags...]
  local jar=$1; shift
  local s; s=$(date +%s%N)
  java "$@" -jar "$jar" verify > /dev/null
  local e; e=$(date +%s%N)
  printf '%d\t0\n' $(((e - s) / 1000000))
}

# "p50 / max ms | RSS p50 MB" over the runs.
summary() {
  sort -n | awk -F'\t' '{ms[NR]=$1; rss[NR]=$2} END {
    n=asort(rss, r); printf "%d / %d ms | %s", ms[int((NR+1)/2)], ms[NR], (r[int((n+1)/2)] ? r[int((n+1)/2)] " MB" : "—") }'
}

measure() { # label once-function jar
  local label=$1 once=$2 jar=$3
  local plain cds
  plain=$(for _ in $(seq "$runs"); do $once "$jar" -XX:TieredStopAtLevel=1; done | summary)
  rm -f "$(archive_of "$jar")"
  $once "$jar" -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit="$(archive_of "$jar")" > /dev/null
  cds=$(for _ in $(seq "$runs"); do
    $once "$jar" -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="$(archive_of "$jar")"
  done | summary)
  echo "| $label | $plain | $cds |"
}

echo "Machine: $(machine)"
echo "| part | no archive: p50 / max | RSS | AppCDS: p50 / max | RSS |"
echo "|---|---|---|---|---|"
measure "schema-guard verify" verify_once "$ROOT/schema-guard/target/quarkus-app/quarkus-run.jar"
for module in webhook-service job-runner-service admin-service; do
  measure "$module ready" start_once "$ROOT/$module/target/quarkus-app/quarkus-run.jar"
done
