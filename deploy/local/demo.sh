#!/usr/bin/env bash
# Against the stack ./deploy/local/up.sh started, the life of one conversation through the public
# webhook and the admin API: a customer asks (the bot answers), asks for a person (handover: HUMAN
# mode, a task and a notification), writes again (no bot reply, one "new message" notification),
# an agent answers exactly once (the same request twice), and hands the conversation back to the bot.
set -euo pipefail
WHATSAPP_APP_SECRET=${WHATSAPP_APP_SECRET:-dev-app-secret}
ADMIN_API_TOKEN=${ADMIN_API_TOKEN:-dev-admin-token}
WEBHOOK=${WEBHOOK_URL:-http://127.0.0.1:8081}
ADMIN=${ADMIN_URL:-http://127.0.0.1:8083}
CUSTOMER=${DEMO_CUSTOMER:-2607777$(printf '%05d' $((RANDOM % 100000)))}
AGENT=${DEMO_AGENT:-Demo Agent}
auth=(-H "Authorization: Bearer $ADMIN_API_TOKEN")
write=("${auth[@]}" -H "X-Admin-User: $AGENT" -H 'Content-Type: application/json')

# Posts one signed text message from the customer.
customer_says() {
  local now wamid body signature
  now=$(date +%s)
  wamid="wamid.demo.$now.$RANDOM"
  body=$(cat <<JSON
{"object":"whatsapp_business_account","entry":[{"id":"demo-waba","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000","phone_number_id":"demo-phone-id"},"contacts":[{"profile":{"name":"Demo Customer"},"wa_id":"$CUSTOMER"}],"messages":[{"from":"$CUSTOMER","id":"$wamid","timestamp":"$now","type":"text","text":{"body":"$1"}}]}}]}]}
JSON
)
  signature="sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$WHATSAPP_APP_SECRET" -r | cut -d' ' -f1)"
  echo "📨 Customer: $1"
  curl -fsS -X POST "$WEBHOOK/api/webhooks/whatsapp" -H 'Content-Type: application/json' \
    -H "X-Hub-Signature-256: $signature" --data-binary "$body" -o /dev/null -w '   webhook HTTP %{http_code}\n'
}

# Prints the value of a Python expression over the JSON on stdin (d), or nothing.
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" 2>/dev/null || true; }

# Waits up to 30 s until the shell condition "$1" holds.
wait_for() {
  for _ in $(seq 1 30); do
    if eval "$1"; then return 0; fi
    sleep 1
  done
  echo "❌ Gave up waiting for: $2 (see deploy/local/logs/)"
  exit 1
}

conversation_id() {
  curl -fsS "${auth[@]}" "$ADMIN/api/admin/conversations?q=$CUSTOMER" \
    | json '(d.get("items", d) or [{}])[0].get("id", "")'
}

show_thread() {
  curl -fsS "${auth[@]}" "$ADMIN/api/admin/conversations/$id" | python3 -c '
import json, sys
d = json.load(sys.stdin)
c = d.get("conversation", d)
print("💬 Conversation %s, mode %s%s" % (c.get("id"), c.get("mode"),
      ", assignee " + c["assignee"] if c.get("assignee") else ""))
msgs = d.get("messages", {})
msgs = msgs.get("items", msgs) if isinstance(msgs, dict) else msgs
for m in sorted(msgs, key=lambda m: m.get("id", 0)):
    print("   %-8s %-9s %-10s %s" % (m.get("direction"), m.get("status"), m.get("author") or "customer", m.get("body")))'
}

outbound_count() {
  curl -fsS "${auth[@]}" "$ADMIN/api/admin/conversations/$id" | grep -o '"OUTBOUND"' | wc -l
}

customer_says "Hello, what are your opening hours?"
wait_for '[ -n "$(conversation_id)" ]' "the conversation"
id=$(conversation_id)
wait_for '[ "$(outbound_count)" -ge 1 ]' "the bot's reply"
show_thread

customer_says "Can I talk to a person please?"
wait_for '[ "$(outbound_count)" -ge 2 ]' "the handover reply"
show_thread
echo "📋 Open task: $(curl -fsS "${auth[@]}" "$ADMIN/api/admin/tasks?status=OPEN&conversationId=$id" | json '(d.get("items", d) or [{}])[0].get("title", "none")')"

customer_says "Are you there?"
wait_for '[ -n "$(curl -fsS "${auth[@]}" "$ADMIN/api/admin/notifications" | grep NEW_MESSAGE)" ]' \
  "the new-message notification (the bot stays silent in HUMAN mode)"
echo "🔔 $(curl -fsS "${auth[@]}" "$ADMIN/api/admin/notifications" | json '[n["title"] for n in d.get("items", d) if n["type"] == "NEW_MESSAGE"][0]')"

client_message_id=$(python3 -c 'import uuid; print(uuid.uuid4())')
reply="{\"body\": \"Hi, this is $AGENT. We open at 9:00 tomorrow.\", \"clientMessageId\": \"$client_message_id\"}"
echo "🧑 $AGENT replies (the same request twice: one message is sent)"
for _ in 1 2; do
  curl -fsS -X POST "${write[@]}" "$ADMIN/api/admin/conversations/$id/messages" --data "$reply" \
    | json '"   HTTP 202: message %s %s" % (d["id"], d["status"])'
done
agent_reply_sent() {
  curl -fsS "${auth[@]}" "$ADMIN/api/admin/conversations/$id" | AGENT="$AGENT" python3 -c '
import json, os, sys
d = json.load(sys.stdin)
msgs = d.get("messages", {})
msgs = msgs.get("items", msgs) if isinstance(msgs, dict) else msgs
mine = [m for m in msgs if m.get("author") == os.environ["AGENT"]]
sys.exit(0 if len(mine) == 1 and mine[0]["status"] in ("SENT", "DELIVERED", "READ") else 1)'
}
wait_for agent_reply_sent "the agent's reply to be SENT, once"

echo "🤖 Hand back to the bot"
curl -fsS -X POST "${write[@]}" "$ADMIN/api/admin/conversations/$id/release" -o /dev/null -w '   release HTTP %{http_code}\n'
show_thread
