-- The people behind the bot: conversation mode, agent replies through the ledger, tasks that are
-- assigned, erasure, search, and the inbox events the UI streams.
--
-- Runs outside a transaction (V6__inbox_agents.sql.conf) for the same reasons as V4: indexes are
-- built CONCURRENTLY and CHECK constraints are added NOT VALID, then validated, so no step holds a
-- write lock on a big table for long. Every step is idempotent; a failed run is retried by the next
-- migrate. Every new column is nullable or has a constant default: no table rewrite.

-- BOT: the orchestrator answers. HUMAN: an agent does (after a handover or a take-over); the runner
-- sends no automatic reply. Conversations handed over before this release are HUMAN.
ALTER TABLE "Conversation" ADD COLUMN IF NOT EXISTS "mode" TEXT NOT NULL DEFAULT 'BOT';
ALTER TABLE "Conversation" ADD COLUMN IF NOT EXISTS "modeChangedAt" TIMESTAMP(3);
ALTER TABLE "Conversation" ADD COLUMN IF NOT EXISTS "modeChangedBy" TEXT;
ALTER TABLE "Conversation" ADD COLUMN IF NOT EXISTS "assignee" TEXT;
UPDATE "Conversation" SET "mode" = 'HUMAN' WHERE "status" = 'HANDOVER' AND "mode" = 'BOT';

-- Who wrote an outbound message: 'bot' for the orchestrator, the agent's name for an agent reply,
-- NULL for the customer's own messages. An agent reply carries the id its client made, so the same
-- request twice is one Message (unique) and one send.
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "author" TEXT;
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "clientMessageId" TEXT;

-- REPLY: the bot's answer to one inbound message. AGENT_REPLY: an agent's message, already written
-- as a PENDING Message row ("outboundMessageId") that the runner sends and then marks SENT/FAILED.
ALTER TABLE "OutboundJob" ADD COLUMN IF NOT EXISTS "kind" TEXT NOT NULL DEFAULT 'REPLY';
ALTER TABLE "OutboundJob" ADD COLUMN IF NOT EXISTS "outboundMessageId" INTEGER;

ALTER TABLE "Task" ADD COLUMN IF NOT EXISTS "assignee" TEXT;
ALTER TABLE "Task" ADD COLUMN IF NOT EXISTS "completedAt" TIMESTAMP(3);
ALTER TABLE "Task" ADD COLUMN IF NOT EXISTS "completedBy" TEXT;

-- Erasure replaces the personal data in place (the rows and their foreign keys stay).
ALTER TABLE "Contact" ADD COLUMN IF NOT EXISTS "erasedAt" TIMESTAMP(3);

-- What changed that an agent sees, in commit order, for the UI's live stream. A log, not a
-- relation: no foreign key, so an event never blocks a delete; pruned by age.
CREATE TABLE IF NOT EXISTS "InboxEvent" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "conversationId" INTEGER,
    "entityId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InboxEvent_pkey" PRIMARY KEY ("id")
);

-- Written by a trigger, so every writer (webhook, runner, admin, a person with psql) feeds the
-- stream inside its own transaction, and NOTIFY delivers the event id only once that commits.
-- The type is "<Table>.<insert|update>", e.g. "Message.insert".
CREATE OR REPLACE FUNCTION inbox_event() RETURNS trigger AS $$
DECLARE
    conversation INTEGER;
    event BIGINT;
BEGIN
    IF TG_TABLE_NAME = 'Conversation' THEN
        -- Not every inbound message's lastInboundAt bump: the Message event tells that already.
        -- Compared here, not in a WHEN clause, so that no column is pinned by the trigger.
        IF TG_OP = 'UPDATE' AND OLD."mode" IS NOT DISTINCT FROM NEW."mode"
           AND OLD."assignee" IS NOT DISTINCT FROM NEW."assignee"
           AND OLD."status" IS NOT DISTINCT FROM NEW."status"
           AND OLD."lastReadAt" IS NOT DISTINCT FROM NEW."lastReadAt"
           AND OLD."deletedAt" IS NOT DISTINCT FROM NEW."deletedAt" THEN
            RETURN NULL;
        END IF;
        conversation := NEW."id";
    ELSE
        conversation := NEW."conversationId";
    END IF;
    INSERT INTO "InboxEvent" ("type", "conversationId", "entityId", "createdAt")
    VALUES (TG_TABLE_NAME || '.' || lower(TG_OP), conversation, NEW."id", (now() AT TIME ZONE 'UTC'))
    RETURNING "id" INTO event;
    PERFORM pg_notify('inbox_events', event::text);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "Message_inbox_event" ON "Message";
CREATE TRIGGER "Message_inbox_event" AFTER INSERT OR UPDATE ON "Message"
    FOR EACH ROW EXECUTE FUNCTION inbox_event();
DROP TRIGGER IF EXISTS "Notification_inbox_event" ON "Notification";
CREATE TRIGGER "Notification_inbox_event" AFTER INSERT OR UPDATE ON "Notification"
    FOR EACH ROW EXECUTE FUNCTION inbox_event();
DROP TRIGGER IF EXISTS "Task_inbox_event" ON "Task";
CREATE TRIGGER "Task_inbox_event" AFTER INSERT OR UPDATE ON "Task"
    FOR EACH ROW EXECUTE FUNCTION inbox_event();
DROP TRIGGER IF EXISTS "Conversation_inbox_event" ON "Conversation";
CREATE TRIGGER "Conversation_inbox_event" AFTER UPDATE ON "Conversation"
    FOR EACH ROW EXECUTE FUNCTION inbox_event();

-- Search by name, phone in any form and message text: trigram indexes serve ILIKE '%…%'. pg_trgm is
-- a trusted extension (Postgres 13+): a database owner may create it. It may already live in another
-- schema (another product schema of this database made it first): its operator class is then found
-- through the search path of this session.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
SELECT set_config('search_path',
                  quote_ident(current_schema()) || ', ' ||
                  (SELECT quote_ident(n.nspname) FROM pg_extension e
                     JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'),
                  false);

-- An interrupted concurrent build leaves an INVALID index that IF NOT EXISTS would skip forever.
DO $$
DECLARE
    idx RECORD;
BEGIN
    FOR idx IN
        SELECT i.relname FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_namespace n ON n.oid = i.relnamespace
         WHERE NOT x.indisvalid AND n.nspname = current_schema()
           AND i.relname IN ('Contact_name_trgm_idx', 'Contact_phone_trgm_idx', 'Message_body_trgm_idx',
                             'Message_clientMessageId_key', 'Conversation_lastInboundAt_idx',
                             'OutboundJob_outboundMessageId_idx', 'Task_status_idx',
                             'InboxEvent_createdAt_idx', 'Notification_unreadNewMessage_key')
    LOOP
        EXECUTE format('DROP INDEX %I', idx.relname);
    END LOOP;
END
$$;

CREATE INDEX CONCURRENTLY IF NOT EXISTS "Contact_name_trgm_idx" ON "Contact" USING gin ("name" gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Contact_phone_trgm_idx" ON "Contact" USING gin ("phone" gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Message_body_trgm_idx" ON "Message" USING gin ("body" gin_trgm_ops);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Message_clientMessageId_key" ON "Message" ("clientMessageId");
-- The inbox list: most recent customer activity first.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Conversation_lastInboundAt_idx" ON "Conversation" ("lastInboundAt" DESC NULLS LAST, "id" DESC);
CREATE INDEX CONCURRENTLY IF NOT EXISTS "OutboundJob_outboundMessageId_idx" ON "OutboundJob" ("outboundMessageId");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_status_idx" ON "Task" ("status", "assignee");
CREATE INDEX CONCURRENTLY IF NOT EXISTS "InboxEvent_createdAt_idx" ON "InboxEvent" ("createdAt");
-- At most one unread "new message" notification per conversation in HUMAN mode, however many
-- runners see its messages at once: they insert ON CONFLICT DO NOTHING against this.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Notification_unreadNewMessage_key" ON "Notification" ("conversationId")
    WHERE "type" = 'NEW_MESSAGE' AND "readAt" IS NULL;

SELECT set_config('search_path', quote_ident(current_schema()), false);

-- The agent's Message row outlives nothing it refers to: RESTRICT, as every reference to a message.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                    WHERE conname = 'OutboundJob_outboundMessageId_fkey'
                      AND conrelid = '"OutboundJob"'::regclass) THEN
        ALTER TABLE "OutboundJob" ADD CONSTRAINT "OutboundJob_outboundMessageId_fkey"
            FOREIGN KEY ("outboundMessageId") REFERENCES "Message" ("id")
            ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID;
    END IF;
END
$$;
ALTER TABLE "OutboundJob" VALIDATE CONSTRAINT "OutboundJob_outboundMessageId_fkey";

-- The new value lists, as V4 does them: added NOT VALID (a moment's lock), then validated.
CREATE OR REPLACE FUNCTION pg_temp.ensure_check(tbl TEXT, col TEXT, allowed TEXT[]) RETURNS VOID AS $$
DECLARE
    name TEXT := tbl || '_' || col || '_check';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                    WHERE conname = name AND conrelid = format('%I', tbl)::regclass) THEN
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%I IN (%s)) NOT VALID', tbl, name, col,
                       (SELECT string_agg(quote_literal(v), ', ') FROM unnest(allowed) AS v));
    END IF;
END
$$ LANGUAGE plpgsql;

SELECT pg_temp.ensure_check('Conversation', 'mode', ARRAY['BOT', 'HUMAN']);
SELECT pg_temp.ensure_check('OutboundJob', 'kind', ARRAY['REPLY', 'AGENT_REPLY']);
ALTER TABLE "Conversation" VALIDATE CONSTRAINT "Conversation_mode_check";
ALTER TABLE "OutboundJob" VALIDATE CONSTRAINT "OutboundJob_kind_check";
