#!/usr/bin/env bash
# The agents' inbox at size: 100,000 conversations and 1,000,000 messages (generate_series, a few
# seconds of SQL) in a database migrated by schema-guard, served by the packaged admin-service.
# wrk reads each list on one connection (after a 5 s warm-up) and reports p50/p99: the plain list, q by
# a name, q by a phone's last digits, q by message text, and unread=true.
# Usage: bench/inbox-search.sh [seconds-per-query]   (default 10). Build first, under the shared
# lock where there is one: ./mvnw -B -q package -DskipTests -pl admin-service,schema-guard -am
source "$(dirname "$0")/lib.sh"
SECONDS_PER=${1:-10}
DB=inbox_bench_inbox
URL=postgresql://postgres@127.0.0.1:5432/$DB
PORT=18083
work=$(mktemp -d)

fresh_database $DB > /dev/null
echo "Seeding 100,000 conversations and 1,000,000 messages…" >&2
psql $PG -d $DB -q -o /dev/null <<'SQL'
-- Names: 20 first names x 50 surnames, each with its number, so a full name is rare and a
-- surname common. Phones +2607 followed by 8 digits.
INSERT INTO "Contact" ("phone", "name", "createdAt", "updatedAt")
SELECT '+2607' || lpad(g::text, 8, '0'),
       (ARRAY['Ada','Bwalya','Chanda','Dalitso','Esther','Febby','Grace','Hope','Isaac','Joseph',
              'Kalinda','Lubinda','Mwansa','Natasha','Oscar','Pumulo','Queen','Ruth','Sipho','Temwa'])[1 + g % 20]
       || ' ' || (ARRAY['Banda','Phiri','Mwale','Tembo','Zulu','Lungu','Daka','Mulenga','Bwalya','Sakala'])[1 + (g / 20) % 10]
       || ' ' || g,
       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
  FROM generate_series(1, 100000) g;
INSERT INTO "Conversation" ("contactId", "lastInboundAt", "lastReadAt", "createdAt", "updatedAt")
SELECT id,
       (now() AT TIME ZONE 'UTC') - (random() * interval '30 days'),
       CASE WHEN id % 2 = 0 THEN (now() AT TIME ZONE 'UTC') END,
       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
  FROM "Contact";
-- Ten messages per conversation, in and out; one in a thousand mentions a refund.
INSERT INTO "Message" ("conversationId", "direction", "body", "status", "createdAt")
SELECT c.id,
       CASE WHEN n % 2 = 0 THEN 'INBOUND' ELSE 'OUTBOUND' END,
       CASE WHEN (c.id * 10 + n) % 1000 = 7 THEN 'I would like a refund for order ' || c.id
            ELSE (ARRAY['hello','is my order ready?','thanks a lot','what time do you open?',
                        'can I pay by mobile money?','ok','see you tomorrow','price please'])[1 + n % 8]
                 || ' #' || (c.id * 10 + n) END,
       CASE WHEN n % 2 = 0 THEN 'RECEIVED' ELSE 'SENT' END,
       c."lastInboundAt" - (10 - n) * interval '1 minute'
  FROM "Conversation" c, generate_series(0, 9) n;
VACUUM ANALYZE;
SQL
psql $PG -d $DB -Atc "SELECT 'conversations ' || (SELECT count(*) FROM \"Conversation\") || ', messages ' || (SELECT count(*) FROM \"Message\")" >&2

start_service admin-service $PORT "$work/admin.log" DATABASE_URL=$URL ADMIN_API_TOKEN=bench QUARKUS_LOG_LEVEL=WARN

measure() { # label query-string
  local url="http://127.0.0.1:$PORT/api/admin/conversations?$2"
  curl -fs -o /dev/null -H 'Authorization: Bearer bench' "$url" || { echo "❌ $url" >&2; exit 1; }
  wrk -t1 -c1 -d5s -H 'Authorization: Bearer bench' "$url" > /dev/null # warm-up
  wrk -t1 -c1 -d"${SECONDS_PER}s" --latency -H 'Authorization: Bearer bench' "$url" > "$work/wrk.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  printf '| %s | `%s` | %s | %s | %s |\n' "$1" "$2" "$rps" "$p50" "$p99"
}

echo "Machine: $(machine)"
printf '| list | query | req/s | p50 | p99 |\n|---|---|---|---|---|\n'
measure "inbox, first page" "limit=50"
measure "q by full name (1 match)" "q=Febby%20Mulenga%2012345"
measure "q by surname (10 % match)" "q=mulenga"
measure "q by last phone digits (1 match)" "q=012345"
measure "q by message text (0.1 % of messages)" "q=refund"
measure "unread=true" "unread=true"
echo "admin-service RSS after the load: $(rss_mb "${PIDS[0]}") MB"
