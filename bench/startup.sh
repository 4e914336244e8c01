#!/usr/bin/env bash
# How fast each part starts, JVM start included: the guard's `verify` (wall time, it runs before
# every pod starts) and each service from launch to its readiness answering 200, with the resident
# memory at that moment. Each is measured without an archive, with the AppCDS archive Quarkus writes
# at package time (app-cds.jsa, when the build ran with -Dquarkus.package.jar.appcds.enabled=true;
# skipped otherwise) and with an archive made by one full training start; all with
# -XX:TieredStopAtLevel=1 as the manifests set it, each JVM started in its quarkus-app directory
# (the packaged archive names the jar by that relative path).
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

# The trained archive is written when the training start's JVM exits (also on SIGTERM). Like the
# packaged one it is only valid for this JVM build and these jars' sizes and mtimes.
TRAINED=app-cds-trained.jsa

# One start: milliseconds to ready and RSS in MB then, tab-separated.
start_once() { # app-dir [java flags...]
  local dir=$1; shift
  local s; s=$(date +%s%N)
  (cd "$dir" && exec java "$@" -jar quarkus-run.jar) > /tmp/inbox-bench-startup.log 2>&1 &
  local pid=$!
  until curl -fs -o /dev/null http://127.0.0.1:19181/q/health/ready; do
    kill -0 $pid 2> /dev/null || { echo "❌ $dir exited; see /tmp/inbox-bench-startup.log" >&2; exit 1; }
    sleep 0.01
  done
  local e; e=$(date +%s%N)
  printf '%d\t%d\n' $(((e - s) / 1000000)) $(rss_mb $pid)
  kill $pid; wait $pid 2> /dev/null || true
}

verify_once() { # app-dir [java flags...]
  local dir=$1; shift
  local s; s=$(date +%s%N)
  (cd "$dir" && java "$@" -jar quarkus-run.jar verify > /dev/null)
  local e; e=$(date +%s%N)
  printf '%d\t0\n' $(((e - s) / 1000000))
}

# "p50 / max ms | RSS p50 MB" over the runs.
summary() {
  sort -n | awk -F'\t' '{ms[NR]=$1; rss[NR]=$2} END {
    n=asort(rss, r); printf "%d / %d ms | %s", ms[int((NR+1)/2)], ms[NR], (r[int((n+1)/2)] ? r[int((n+1)/2)] " MB" : "—") }'
}

runs_of() { # once-function app-dir [java flags...]
  local once=$1; shift
  for _ in $(seq "$runs"); do $once "$@" -XX:TieredStopAtLevel=1; done | summary
}

measure() { # label once-function app-dir
  local label=$1 once=$2 dir=$3
  local plain packaged="— | —" trained
  plain=$(runs_of $once "$dir")
  [ -f "$dir/app-cds.jsa" ] && packaged=$(runs_of $once "$dir" -XX:SharedArchiveFile=app-cds.jsa)
  rm -f "$dir/$TRAINED"
  $once "$dir" -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit=$TRAINED > /dev/null
  trained=$(runs_of $once "$dir" -XX:SharedArchiveFile=$TRAINED)
  echo "| $label | $plain | $packaged | $trained |"
}

echo "Machine: $(machine)"
echo "| part | no archive: p50 / max | RSS | packaged AppCDS: p50 / max | RSS | trained AppCDS: p50 / max | RSS |"
echo "|---|---|---|---|---|---|---|"
for module in schema-guard webhook-service job-runner-service admin-service; do
  once=start_once label="$module ready"
  [ $module = schema-guard ] && once=verify_once label="schema-guard verify"
  measure "$label" $once "$ROOT/$module/target/quarkus-app"
done
