#!/usr/bin/env bash
# Wall time of `schema-guard verify` on an up-to-date database, JVM start included (it runs before
# every pod starts). Usage: bench/guard-verify.sh [runs]   (default 10)
source "$(dirname "$0")/lib.sh"
runs=${1:-10}
jar=$ROOT/schema-guard/target/quarkus-app/quarkus-run.jar
fresh_database inbox_bench_guard > /dev/null
export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/inbox_bench_guard
measure() {
  for _ in $(seq "$runs"); do
    s=$(date +%s%N); java "$@" -jar "$jar" verify > /dev/null; e=$(date +%s%N)
    echo $(((e - s) / 1000000))
  done | sort -n | awk '{a[NR]=$1} END {printf "p50 %d ms, max %d ms (%d runs)\n", a[int((NR+1)/2)], a[NR], NR}'
}
echo "Machine: $(machine)"
echo "default JVM flags:          $(measure)"
echo "-XX:TieredStopAtLevel=1:    $(measure -XX:TieredStopAtLevel=1)"
