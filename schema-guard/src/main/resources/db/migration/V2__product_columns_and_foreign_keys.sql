-- What the product adds to the Prisma tables, and the foreign keys, all idempotent.
-- Every ADD COLUMN here is nullable or has a constant default, so Postgres adds it without
-- rewriting the table. Foreign keys are added NOT VALID (a brief lock, no scan); V3 validates them
-- without blocking writes.

-- The runbook's drift fix (P2022): the columns production lacked.
ALTER TABLE "Conversation" ADD COLUMN IF NOT EXISTS "deletedAt" TIMESTAMP(3);
ALTER TABLE "Notification" ADD COLUMN IF NOT EXISTS "snoozedUntil" TIMESTAMP(3);

ALTER TABLE "Contact" ADD COLUMN IF NOT EXISTS "waId" TEXT;
ALTER TABLE "Conversation" ADD COLUMN IF NOT EXISTS "lastReadAt" TIMESTAMP(3);

ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "error" TEXT;
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "statusUpdatedAt" TIMESTAMP(3);

ALTER TABLE "OutboundJob" ADD COLUMN IF NOT EXISTS "inboundMessageId" INTEGER;
ALTER TABLE "OutboundJob" ADD COLUMN IF NOT EXISTS "maxAttempts" INTEGER NOT NULL DEFAULT 3;
ALTER TABLE "OutboundJob" ADD COLUMN IF NOT EXISTS "lockedAt" TIMESTAMP(3);
ALTER TABLE "OutboundJob" ADD COLUMN IF NOT EXISTS "lockedBy" TEXT;
-- The fencing token: bumped by every claim; every later write of that job is conditioned on it.
ALTER TABLE "OutboundJob" ADD COLUMN IF NOT EXISTS "leaseEpoch" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "OutboundMessageLog" ADD COLUMN IF NOT EXISTS "outboundJobId" INTEGER;
ALTER TABLE "OutboundMessageLog" ADD COLUMN IF NOT EXISTS "recipient" TEXT;
ALTER TABLE "OutboundMessageLog" ADD COLUMN IF NOT EXISTS "body" TEXT;
ALTER TABLE "OutboundMessageLog" ADD COLUMN IF NOT EXISTS "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "OutboundMessageLog" ADD COLUMN IF NOT EXISTS "lastAttemptAt" TIMESTAMP(3);

-- Prisma filled "updatedAt" in the client; plain SQL writers get a default instead.
ALTER TABLE "Contact" ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "Lead" ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "Conversation" ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "OutboundJob" ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "OutboundMessageLog" ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "Task" ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;

-- Every accepted webhook body, stored before it is processed. "payload" holds parseable JSON;
-- "rawBody" keeps a body that did not parse, so nothing Meta sent is lost.
CREATE TABLE IF NOT EXISTS "WebhookEvent" (
    "id" SERIAL NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT,
    "signatureValid" BOOLEAN NOT NULL,
    "payload" JSONB,
    "rawBody" TEXT,
    "processedAt" TIMESTAMP(3),
    "error" TEXT,
    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- Adds a foreign key named as Prisma names it unless a constraint of that name exists.
CREATE FUNCTION pg_temp.ensure_fk(tbl TEXT, col TEXT, ref TEXT, on_delete TEXT) RETURNS VOID AS $$
DECLARE
    fk TEXT := tbl || '_' || col || '_fkey';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                    WHERE conname = fk AND conrelid = format('%I', tbl)::regclass) THEN
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (%I) REFERENCES %I ("id") '
                       'ON DELETE %s ON UPDATE CASCADE NOT VALID', tbl, fk, col, ref, on_delete);
    END IF;
END
$$ LANGUAGE plpgsql;

SELECT pg_temp.ensure_fk('Lead', 'contactId', 'Contact', 'RESTRICT');
SELECT pg_temp.ensure_fk('Conversation', 'contactId', 'Contact', 'RESTRICT');
SELECT pg_temp.ensure_fk('Conversation', 'leadId', 'Lead', 'SET NULL');
SELECT pg_temp.ensure_fk('Message', 'conversationId', 'Conversation', 'RESTRICT');
SELECT pg_temp.ensure_fk('OutboundJob', 'conversationId', 'Conversation', 'RESTRICT');
SELECT pg_temp.ensure_fk('OutboundJob', 'inboundMessageId', 'Message', 'RESTRICT');
SELECT pg_temp.ensure_fk('OutboundMessageLog', 'conversationId', 'Conversation', 'RESTRICT');
SELECT pg_temp.ensure_fk('OutboundMessageLog', 'outboundJobId', 'OutboundJob', 'RESTRICT');
SELECT pg_temp.ensure_fk('Task', 'conversationId', 'Conversation', 'RESTRICT');
SELECT pg_temp.ensure_fk('Notification', 'conversationId', 'Conversation', 'SET NULL');
