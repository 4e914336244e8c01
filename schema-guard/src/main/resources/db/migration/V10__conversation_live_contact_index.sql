-- One addition, idempotent. Runs outside a transaction
-- (V10__conversation_live_contact_index.sql.conf) so the index is built CONCURRENTLY: webhooks keep
-- opening and updating conversations meanwhile.

-- A contact's conversations that are not soft-deleted: what every inbound message looks up
-- (webhook-service InboundSql.INGEST, its "found" step). With "Conversation_contactId_idx" and
-- "Conversation_deletedAt_idx" alone, a database without statistics (a new one, a restore before
-- its first ANALYZE, autovacuum off) gets a plan that ANDs both bitmaps and so reads every live
-- conversation's entry of the deletedAt index on every message, slower as the inbox grows (at
-- 23,000 conversations the statement took 2.5 ms, 0.45 ms with a plan through one entry). This
-- index answers the lookup alone whatever the statistics say. A build that failed half-way leaves an INVALID index, dropped
-- here first so this migrate builds it again.
DO $$
DECLARE
    idx RECORD;
BEGIN
    FOR idx IN
        SELECT i.relname FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_namespace n ON n.oid = i.relnamespace
         WHERE NOT x.indisvalid AND n.nspname = current_schema()
           AND i.relname IN ('Conversation_contactId_live_idx')
    LOOP
        EXECUTE format('DROP INDEX %I', idx.relname);
    END LOOP;
END
$$;
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Conversation_contactId_live_idx" ON "Conversation" ("contactId") WHERE "deletedAt" IS NULL;
