-- Runs outside a transaction (Flyway does so for CREATE INDEX CONCURRENTLY), so building an index on
-- a big production table never blocks writes, and each statement commits on its own.

-- A concurrent build that was interrupted (pod killed) leaves an INVALID index that IF NOT EXISTS
-- would skip forever: drop those on the product's tables first so they are rebuilt.
DO $$
DECLARE
    idx RECORD;
BEGIN
    FOR idx IN
        SELECT i.relname FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_class t ON t.oid = x.indrelid
          JOIN pg_namespace n ON n.oid = i.relnamespace
         WHERE NOT x.indisvalid AND n.nspname = current_schema()
           AND t.relname IN ('Contact', 'Lead', 'Conversation', 'Message', 'OutboundJob',
                             'OutboundMessageLog', 'Task', 'Notification', 'WebhookEvent')
    LOOP
        EXECUTE format('DROP INDEX %I', idx.relname);
    END LOOP;
END
$$;

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Contact_phone_key" ON "Contact" ("phone");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Lead_contactId_idx" ON "Lead" ("contactId");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Conversation_contactId_idx" ON "Conversation" ("contactId");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Conversation_deletedAt_idx" ON "Conversation" ("deletedAt");
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Message_providerMessageId_key" ON "Message" ("providerMessageId");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Message_conversationId_createdAt_idx" ON "Message" ("conversationId", "createdAt");
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "OutboundJob_inboundProviderMessageId_key" ON "OutboundJob" ("inboundProviderMessageId");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "OutboundJob_status_runAt_idx" ON "OutboundJob" ("status", "runAt");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "OutboundJob_conversationId_idx" ON "OutboundJob" ("conversationId");
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "OutboundMessageLog_dedupeKey_key" ON "OutboundMessageLog" ("dedupeKey");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "OutboundMessageLog_conversationId_idx" ON "OutboundMessageLog" ("conversationId");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "OutboundMessageLog_providerMessageId_idx" ON "OutboundMessageLog" ("providerMessageId");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_conversationId_idx" ON "Task" ("conversationId");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Notification_snoozedUntil_idx" ON "Notification" ("snoozedUntil");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Notification_conversationId_idx" ON "Notification" ("conversationId");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "WebhookEvent_receivedAt_idx" ON "WebhookEvent" ("receivedAt");

-- Validation scans the table under SHARE UPDATE EXCLUSIVE: reads and writes go on meanwhile.
-- A no-op for a constraint that is already valid.
ALTER TABLE "Lead" VALIDATE CONSTRAINT "Lead_contactId_fkey";
ALTER TABLE "Conversation" VALIDATE CONSTRAINT "Conversation_contactId_fkey";
ALTER TABLE "Conversation" VALIDATE CONSTRAINT "Conversation_leadId_fkey";
ALTER TABLE "Message" VALIDATE CONSTRAINT "Message_conversationId_fkey";
ALTER TABLE "OutboundJob" VALIDATE CONSTRAINT "OutboundJob_conversationId_fkey";
ALTER TABLE "OutboundJob" VALIDATE CONSTRAINT "OutboundJob_inboundMessageId_fkey";
ALTER TABLE "OutboundMessageLog" VALIDATE CONSTRAINT "OutboundMessageLog_conversationId_fkey";
ALTER TABLE "OutboundMessageLog" VALIDATE CONSTRAINT "OutboundMessageLog_outboundJobId_fkey";
ALTER TABLE "Task" VALIDATE CONSTRAINT "Task_conversationId_fkey";
ALTER TABLE "Notification" VALIDATE CONSTRAINT "Notification_conversationId_fkey";
