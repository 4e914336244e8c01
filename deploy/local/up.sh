#!/usr/bin/env bash
# Runs the whole stack on this machine against the local Postgres: builds, creates the database if
# missing, runs schema-guard migrate, starts webhook (8081), runner (8082) and admin (8083) with the
# sandbox WhatsApp provider and dev secrets, waits until all are ready (health, metrics and OpenAPI on
# their management ports 9081, 9082, 9083). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/../.."

export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/inbox}
# Dev secrets: printed below, never use them in production.
export WHATSAPP_APP_SECRET=${WHATSAPP_APP_SECRET:-dev-app-secret}
export WHATSAPP_VERIFY_TOKEN=${WHATSAPP_VERIFY_TOKEN:-dev-verify-token}
export CRON_SECRET=${CRON_SECRET:-dev-cron-secret}
export ADMIN_API_TOKEN=${ADMIN_API_TOKEN:-dev-admin-token}
export WHATSAPP_PROVIDER=${WHATSAPP_PROVIDER:-sandbox}
export JOB_RUNNER_URL=${JOB_RUNNER_URL:-http://127.0.0.1:8082}
# Plain log lines for a person reading deploy/local/logs; production logs JSON.
export QUARKUS_LOG_CONSOLE_JSON=${QUARKUS_LOG_CONSOLE_JSON:-false}

# host, port, database and user out of the URL, for psql.
rest=${DATABASE_URL#*://}
creds=""; [[ $rest == *@* ]] && creds=${rest%%@*} && rest=${rest#*@}
hostport=${rest%%/*}; db=${rest#*/}; db=${db%%\?*}
host=${hostport%%:*}; port=5432; [[ $hostport == *:* ]] && port=${hostport##*:}
user=${creds%%:*}; user=${user:-postgres}

if ! pg_isready -q -h "$host" -p "$port"; then
  echo "❌ Postgres does not answer on $host:$port."
  echo "   Start the local cluster:  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || echo 15) main start"
  echo "   or point DATABASE_URL at a running server."
  exit 1
fi
if [ "$(psql -h "$host" -p "$port" -U "$user" -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
  echo "📦 Creating database $db"
  psql -h "$host" -p "$port" -U "$user" -d postgres -qc "CREATE DATABASE \"$db\""
fi

echo "🔨 Building (./mvnw package, tests skipped)"
./mvnw -B -q package -DskipTests

echo "🛡️  schema-guard migrate"
java -jar schema-guard/target/quarkus-app/quarkus-run.jar migrate | tail -n 1

logs=deploy/local/logs
mkdir -p "$logs"
pids=()
stop() {
  echo; echo "🛑 Stopping the stack"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  exit 0
}
trap stop INT TERM

start() { # module port management-port
  QUARKUS_HTTP_PORT=$2 QUARKUS_MANAGEMENT_PORT=$3 \
    java -jar "$1/target/quarkus-app/quarkus-run.jar" > "$logs/$1.log" 2>&1 &
  pids+=($!)
}
start webhook-service 8081 9081
start job-runner-service 8082 9082
start admin-service 8083 9083

for svc in webhook-service:8081:9081 job-runner-service:8082:9082 admin-service:8083:9083; do
  name=${svc%%:*}; p=${svc#*:}; p=${p%%:*}; m=${svc##*:}
  for i in $(seq 1 60); do
    if curl -fs "http://127.0.0.1:$m/q/health/ready" > /dev/null; then echo "✅ $name ready on :$p (health :$m)"; break; fi
    if [ "$i" = 60 ]; then echo "❌ $name not ready after 60 s; see $logs/$name.log"; stop; fi
    sleep 1
  done
done

cat <<INFO

The stack is up (logs in $logs/). Dev secrets:
  WHATSAPP_APP_SECRET=$WHATSAPP_APP_SECRET   WHATSAPP_VERIFY_TOKEN=$WHATSAPP_VERIFY_TOKEN
  CRON_SECRET=$CRON_SECRET   ADMIN_API_TOKEN=$ADMIN_API_TOKEN   (WhatsApp provider: $WHATSAPP_PROVIDER)
Next:
  ./deploy/local/demo.sh                         send a signed sample webhook and see the reply
  curl -H "Authorization: Bearer $ADMIN_API_TOKEN" http://127.0.0.1:8083/api/admin/conversations
  curl -H "X-Cron-Secret: $CRON_SECRET" http://127.0.0.1:8082/api/cron/run-outbound-jobs
  curl http://127.0.0.1:9082/q/metrics           health, metrics, OpenAPI: the management ports 9081-9083
Ctrl-C stops everything.
INFO
wait
