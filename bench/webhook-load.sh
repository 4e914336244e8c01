#!/usr/bin/env bash
# Sustained requests/s and p50/p99 of the packaged webhook-service at increasing concurrency, each
# request a new signed message, beside pgbench running the same insert transaction on the same
# Postgres. Usage: bench/webhook-load.sh [seconds-per-level]   (default 8)
source "$(dirname "$0")/lib.sh"
SECONDS_PER_LEVEL=${1:-8}
SECRET=bench-secret
command -v wrk > /dev/null || apt-get install -y -q wrk > /dev/null
work=$(mktemp -d)

fresh_database inbox_bench_webhook
start_service webhook-service 18081 "$work/webhook.log" \
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/inbox_bench_webhook \
  WHATSAPP_APP_SECRET=$SECRET WHATSAPP_VERIFY_TOKEN=bench QUARKUS_LOG_LEVEL=WARN

echo "⏳ Signing 400000 webhook bodies"
python3 - "$work/bodies.tsv" "$SECRET" <<'PY'
import hashlib, hmac, json, sys
out, secret = sys.argv[1], sys.argv[2].encode()
with open(out, "w") as f:
    for i in range(400000):
        wa = str(260700000000 + i % 50000)
        body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "waba", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp", "metadata": {"phone_number_id": "1"},
            "contacts": [{"profile": {"name": "Bench %d" % i}, "wa_id": wa}],
            "messages": [{"from": wa, "id": "wamid.bench.%d" % i, "timestamp": "1767225600", "type": "text", "text": {"body": "hello %d" % i}}]}}]}]},
            separators=(",", ":"))
        sig = "sha256=" + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
        f.write(sig + "\t" + body + "\n")
PY

cat > "$work/pgbench.sql" <<'SQL'
\set n random(1, 2000000000)
BEGIN;
INSERT INTO "WebhookEvent" ("receivedAt", "requestId", "signatureValid", "payload") VALUES (now(), 'pgbench', TRUE, '{"object":"whatsapp_business_account","entry":[]}'::jsonb) RETURNING "id" AS event \gset
INSERT INTO "Contact" ("phone", "waId", "name", "createdAt", "updatedAt") VALUES ('+' || :n, :n::text, 'Bench', now(), now()) ON CONFLICT ("phone") DO UPDATE SET "updatedAt" = EXCLUDED."updatedAt" RETURNING "id" AS contact \gset
SELECT "id" FROM "Message" WHERE "providerMessageId" = 'wamid.pg.' || :n;
SELECT "id" FROM "Conversation" WHERE "contactId" = :contact AND "deletedAt" IS NULL AND "status" <> 'CLOSED' ORDER BY "id" DESC LIMIT 1;
INSERT INTO "Conversation" ("contactId", "channel", "status", "createdAt", "updatedAt") VALUES (:contact, 'whatsapp', 'ACTIVE', now(), now()) RETURNING "id" AS conv \gset
INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId", "status", "createdAt") VALUES (:conv, 'INBOUND', 'hello', 'wamid.pg.' || :n || '.' || random(), 'RECEIVED', now()) ON CONFLICT ("providerMessageId") DO NOTHING RETURNING "id" AS msg \gset
UPDATE "Conversation" SET "lastInboundAt" = now(), "updatedAt" = now() WHERE "id" = :conv;
INSERT INTO "OutboundJob" ("conversationId", "inboundMessageId", "inboundProviderMessageId", "status", "runAt", "createdAt", "updatedAt") VALUES (:conv, :msg, 'wamid.pg.' || :n || '.' || random(), 'QUEUED', now(), now(), now()) ON CONFLICT ("inboundProviderMessageId") DO UPDATE SET "updatedAt" = "OutboundJob"."updatedAt" RETURNING "id" AS job \gset
SELECT pg_notify('inbox_outbound_job', :job::text);
COMMIT;
UPDATE "WebhookEvent" SET "processedAt" = now() WHERE "id" = :event;
SQL

echo "Machine: $(machine)"
printf '| concurrency | service req/s | p50 | p99 | pgbench tps | pgbench avg latency | service/pgbench |\n|---|---|---|---|---|---|---|\n'
offset=0
for c in 1 4 16 64; do
  threads=$(( c < 2 ? 1 : 2 ))
  out=$(wrk -t"$threads" -c"$c" -d"${SECONDS_PER_LEVEL}s" --latency -s "$ROOT/bench/webhook.lua" \
    http://127.0.0.1:18081/api/webhooks/whatsapp -- "$offset" "$threads" "$work/bodies.tsv")
  offset=$((offset + 90000))
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  pg=$(pgbench $PG -n -c "$c" -j "$threads" -T "$SECONDS_PER_LEVEL" -f "$work/pgbench.sql" inbox_bench_webhook 2>/dev/null)
  tps=$(echo "$pg" | awk '/^tps/ {print $3; exit}')
  lat=$(echo "$pg" | awk '/latency average/ {print $4 " " $5}')
  ratio=$(python3 -c "print(f'{float(\"$rps\")/float(\"$tps\"):.2f}')")
  printf '| %s | %s | %s | %s | %s | %s | %s |%s\n' "$c" "$rps" "$p50" "$p99" "$tps" "$lat" "$ratio" "${non2xx:+ (non-2xx: $non2xx)}"
done
echo "Rows written by the service: $(psql $PG -d inbox_bench_webhook -Atc "SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" LIKE 'wamid.bench.%'") messages"
