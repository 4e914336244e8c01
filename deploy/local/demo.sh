#!/usr/bin/env bash
# Against the stack ./deploy/local/up.sh started: posts a correctly signed sample WhatsApp webhook,
# then shows through the admin API the inbound message and the reply the runner sent (sandbox).
set -euo pipefail
WHATSAPP_APP_SECRET=${WHATSAPP_APP_SECRET:-dev-app-secret}
ADMIN_API_TOKEN=${ADMIN_API_TOKEN:-dev-admin-token}
WEBHOOK=${WEBHOOK_URL:-http://127.0.0.1:8081}
ADMIN=${ADMIN_URL:-http://127.0.0.1:8083}
now=$(date +%s)
wamid="wamid.demo.$now.$RANDOM"
body=$(cat <<JSON
{"object":"whatsapp_business_account","entry":[{"id":"demo-waba","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000","phone_number_id":"demo-phone-id"},"contacts":[{"profile":{"name":"Demo Customer"},"wa_id":"260777711059"}],"messages":[{"from":"260777711059","id":"$wamid","timestamp":"$now","type":"text","text":{"body":"Hello, what are your opening hours?"}}]}}]}]}
JSON
)
signature="sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$WHATSAPP_APP_SECRET" -r | cut -d' ' -f1)"

echo "📨 POST $WEBHOOK/api/webhooks/whatsapp ($wamid)"
curl -fsS -X POST "$WEBHOOK/api/webhooks/whatsapp" -H 'Content-Type: application/json' \
  -H "X-Hub-Signature-256: $signature" --data-binary "$body" -o /dev/null -w '   HTTP %{http_code}\n'

auth=(-H "Authorization: Bearer $ADMIN_API_TOKEN")
echo "⏳ Waiting for the reply"
for _ in $(seq 1 30); do
  conversations=$(curl -fsS "${auth[@]}" "$ADMIN/api/admin/conversations")
  id=$(printf '%s' "$conversations" | python3 -c 'import json,sys; d=json.load(sys.stdin); items=d.get("items", d) if isinstance(d, dict) else d; print(items[0]["id"] if items else "")')
  if [ -n "$id" ]; then
    detail=$(curl -fsS "${auth[@]}" "$ADMIN/api/admin/conversations/$id")
    if printf '%s' "$detail" | grep -q '"OUTBOUND"'; then
      echo "💬 Conversation $id:"
      printf '%s' "$detail" | python3 -c '
import json, sys
d = json.load(sys.stdin)
msgs = d.get("messages", {})
msgs = msgs.get("items", msgs) if isinstance(msgs, dict) else msgs
for m in sorted(msgs, key=lambda m: m.get("id", 0)):
    print("   %-8s %-9s %s" % (m.get("direction"), m.get("status"), m.get("body")))'
      exit 0
    fi
  fi
  sleep 1
done
echo "❌ No reply after 30 s: see deploy/local/logs/job-runner-service.log"
exit 1
