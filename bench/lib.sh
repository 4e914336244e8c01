# Shared by the bench scripts: build what is missing, make a migrated database, start a service.
# Sourced, not run. Every server listens on 127.0.0.1 only.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG="-h 127.0.0.1 -U postgres"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

need_jar() { # module
  [ -f "$ROOT/$1/target/quarkus-app/quarkus-run.jar" ] ||
    (cd "$ROOT" && ./mvnw -B -q -pl "$1" -am package -DskipTests)
}

fresh_database() { # name
  need_jar schema-guard
  psql $PG -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" 2>/dev/null
  DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$1" \
    java -jar "$ROOT/schema-guard/target/quarkus-app/quarkus-run.jar" migrate | tail -n 1
}

# Statistics, as autovacuum would have gathered them in production: this machine's Postgres runs
# without autovacuum (conf.d/90-ci.conf), and a never-analyzed bench database gets plans no
# production database would (stop 27: the webhook's INGEST read the whole deletedAt index).
# ANALYZE=0 skips it, to measure a database without statistics.
analyze_database() { # name
  if [ "${ANALYZE:-1}" = 1 ]; then psql $PG -d "$1" -qc "ANALYZE"; fi
}

# The service's /q/* (health, metrics) is on its management port: the API port + 1000.
# SERVICE_JAVA_OPTS: JVM flags for the services (not for pgbench's, psql's or the stub's side).
start_service() { # module port log [ENV=VALUE ...]
  local module=$1 port=$2 log=$3; shift 3
  local management=$((port + 1000))
  need_jar "$module"
  env "$@" QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT="$management" QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    java ${SERVICE_JAVA_OPTS:-} -jar "$ROOT/$module/target/quarkus-app/quarkus-run.jar" > "$log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$management/q/health/ready" > /dev/null && return 0
    sleep 0.5
  done
  echo "❌ $module did not become ready; see $log" >&2
  exit 1
}

# webhook-service on the API port, checking signatures with the app secret.
start_webhook() { # port log database-url app-secret
  start_service webhook-service "$1" "$2" DATABASE_URL="$3" WHATSAPP_APP_SECRET="$4" \
    WHATSAPP_VERIFY_TOKEN=bench QUARKUS_LOG_LEVEL=WARN
}

# bench/CloudApiStub.java on 127.0.0.1 (far lighter than WireMock, see the file), answering after
# delay-ms; returns once it answers.
start_stub() { # port delay-ms log
  java "$ROOT/bench/CloudApiStub.java" "$1" "$2" > "$3" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 40); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.25; done
}

# job-runner-service sending as number 1 through the stub on stub-port.
start_runner() { # port log database-url stub-port [ENV=VALUE ...]
  local port=$1 log=$2 url=$3 stub=$4; shift 4
  start_service job-runner-service "$port" "$log" DATABASE_URL="$url" WHATSAPP_PROVIDER=cloud \
    WHATSAPP_TOKEN=bench WHATSAPP_PHONE_NUMBER_ID=1 CRON_SECRET=bench \
    WHATSAPP_API_BASE_URL="http://127.0.0.1:$stub" QUARKUS_LOG_LEVEL=WARN "$@"
}

# 400,000 Cloud API deliveries, each a new message (50,000 customers), as "<signature>\t<body>"
# lines for bench/webhook.lua.
sign_bodies() { # file app-secret
  echo "⏳ Signing 400000 webhook bodies"
  python3 - "$1" "$2" <<'PY'
import hashlib, hmac, json, sys, time
out, secret = sys.argv[1], sys.argv[2].encode()
now = str(int(time.time()))  # a message sent now: the 24-hour window is open, the bot replies
with open(out, "w") as f:
    for i in range(400000):
        wa = str(260700000000 + i % 50000)
        body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "waba", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp", "metadata": {"phone_number_id": "1"},
            "contacts": [{"profile": {"name": "Bench %d" % i}, "wa_id": wa}],
            "messages": [{"from": wa, "id": "wamid.bench.%d" % i, "timestamp": now, "type": "text", "text": {"body": "hello %d" % i}}]}}]}]},
            separators=(",", ":"))
        sig = "sha256=" + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
        f.write(sig + "\t" + body + "\n")
PY
}

# Resident memory of a process, in MB (what a pod's memory limit is measured against).
rss_mb() { # pid
  echo $(($(awk '/VmRSS/ {print $2}' "/proc/$1/status") / 1024))
}

# CPU time a process has used so far (user + system), in clock ticks (getconf CLK_TCK a second).
cpu_ticks() { # pid
  awk '{print $14 + $15}' "/proc/$1/stat"
}

machine() {
  echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(psql $PG -Atc 'SHOW server_version' 2>/dev/null | cut -d' ' -f1) Postgres"
}
