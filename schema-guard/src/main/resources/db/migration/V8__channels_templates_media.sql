-- WhatsApp as it is really used: several business numbers (channels), templates for the closed
-- 24-hour window, every inbound message type with its media, sends paced per number and paused on
-- an expired token, and the trace context that follows a reply from the webhook to the send.
--
-- Runs outside a transaction (V8__channels_templates_media.sql.conf), as V4 and V6: the indexes on
-- existing tables are built CONCURRENTLY and constraints are added NOT VALID, then validated. Every
-- step is idempotent; a failed run is retried by the next migrate. Every new column on an existing
-- table is nullable or has a constant default: no table rewrite, and the release before this one
-- keeps writing rows (a Conversation it opens has no channel: the default channel).

-- One WhatsApp business number. The access token is never stored: "tokenRef" names the environment
-- variable (a Kubernetes Secret key) that holds it, e.g. WHATSAPP_TOKEN_SALES.
CREATE TABLE IF NOT EXISTS "Channel" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    -- Meta's metadata.phone_number_id. NULL only for the default channel: WHATSAPP_PHONE_NUMBER_ID.
    "phoneNumberId" TEXT,
    "displayNumber" TEXT,
    "wabaId" TEXT,
    "tokenRef" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    -- The single-number variables (WHATSAPP_PHONE_NUMBER_ID / WHATSAPP_TOKEN): exactly one row.
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    -- Meta's standard throughput per number; the runner's shared bucket refills at this rate.
    "messagesPerSecond" INTEGER NOT NULL DEFAULT 80,
    -- Set when Meta refuses the token (401 / code 190) or the number: sends wait, nothing FAILs.
    "pausedAt" TIMESTAMP(3),
    "pausedReason" TEXT,
    -- A short fingerprint (not the token) of the token that was refused: a different token in the
    -- environment resumes the channel without waiting for the probe.
    "pausedTokenFingerprint" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Channel_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX IF NOT EXISTS "Channel_name_key" ON "Channel" ("name");
CREATE UNIQUE INDEX IF NOT EXISTS "Channel_phoneNumberId_key" ON "Channel" ("phoneNumberId");
CREATE UNIQUE INDEX IF NOT EXISTS "Channel_isDefault_key" ON "Channel" ("isDefault") WHERE "isDefault";

INSERT INTO "Channel" ("name", "phoneNumberId", "tokenRef", "isDefault", "createdAt", "updatedAt")
SELECT 'default', NULL, 'WHATSAPP_TOKEN', true,
       (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
 WHERE NOT EXISTS (SELECT 1 FROM "Channel" WHERE "isDefault");

-- A message template approved by Meta for a channel. "parameters" lists, in order, what fills the
-- body's {{1}}, {{2}}…: contact fields such as "contact.name", or a literal text.
CREATE TABLE IF NOT EXISTS "Template" (
    "id" SERIAL NOT NULL,
    "channelId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "parameters" JSONB NOT NULL DEFAULT '[]',
    -- What the runner sends instead of an automatic reply once the 24-hour window has closed.
    "reengagement" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Template_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX IF NOT EXISTS "Template_channelId_name_language_key" ON "Template" ("channelId", "name", "language");
CREATE UNIQUE INDEX IF NOT EXISTS "Template_reengagement_key" ON "Template" ("channelId") WHERE "reengagement";

-- The per-number send bucket, shared by every runner replica (a pod-local bucket would let two
-- runners send twice the rate). Tokens refill at Channel.messagesPerSecond since "refilledAt".
CREATE TABLE IF NOT EXISTS "ChannelPacing" (
    "channelId" INTEGER NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilledAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ChannelPacing_pkey" PRIMARY KEY ("channelId")
);

-- A conversation belongs to one number: the same customer writing to two numbers is two
-- conversations. NULL (rows of the release before this one) means the default channel.
ALTER TABLE "Conversation" ADD COLUMN IF NOT EXISTS "channelId" INTEGER;
-- Meta's pair limit (one message to the same user every 6 s) is kept before sending: a send
-- reserves the conversation's slot by moving this forward.
ALTER TABLE "Conversation" ADD COLUMN IF NOT EXISTS "lastOutboundAt" TIMESTAMP(3);

-- Every inbound type Meta documents. "body" keeps a readable text (the text, a caption, an emoji,
-- a button title…) so lists and search work for every type; the rest is what each type carries.
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "type" TEXT NOT NULL DEFAULT 'text';
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "mediaId" TEXT;
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "mimeType" TEXT;
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "sha256" TEXT;
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "filename" TEXT;
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "caption" TEXT;
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "latitude" DOUBLE PRECISION;
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "longitude" DOUBLE PRECISION;
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "locationName" TEXT;
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "locationAddress" TEXT;
-- The provider id of the message a reaction, a reply or a button press refers to.
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "contextMessageId" TEXT;
-- The rest of the type's object as Meta sent it (contacts cards, interactive ids, template
-- name/language/parameters of an outbound template).
ALTER TABLE "Message" ADD COLUMN IF NOT EXISTS "details" JSONB;

-- W3C traceparent of the request that queued the job: the runner continues that trace.
ALTER TABLE "OutboundJob" ADD COLUMN IF NOT EXISTS "traceparent" TEXT;

DO $$
DECLARE
    idx RECORD;
BEGIN
    FOR idx IN
        SELECT i.relname FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_namespace n ON n.oid = i.relnamespace
         WHERE NOT x.indisvalid AND n.nspname = current_schema()
           AND i.relname IN ('Conversation_channelId_idx')
    LOOP
        EXECUTE format('DROP INDEX %I', idx.relname);
    END LOOP;
END
$$;
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Conversation_channelId_idx" ON "Conversation" ("channelId");

-- Channels are deactivated, not deleted, while conversations use them (RESTRICT); a channel's
-- templates and bucket are its configuration and go with it (CASCADE).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                    WHERE conname = 'Conversation_channelId_fkey'
                      AND conrelid = '"Conversation"'::regclass) THEN
        ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_channelId_fkey"
            FOREIGN KEY ("channelId") REFERENCES "Channel" ("id")
            ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                    WHERE conname = 'Template_channelId_fkey'
                      AND conrelid = '"Template"'::regclass) THEN
        ALTER TABLE "Template" ADD CONSTRAINT "Template_channelId_fkey"
            FOREIGN KEY ("channelId") REFERENCES "Channel" ("id")
            ON DELETE CASCADE ON UPDATE CASCADE;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                    WHERE conname = 'ChannelPacing_channelId_fkey'
                      AND conrelid = '"ChannelPacing"'::regclass) THEN
        ALTER TABLE "ChannelPacing" ADD CONSTRAINT "ChannelPacing_channelId_fkey"
            FOREIGN KEY ("channelId") REFERENCES "Channel" ("id")
            ON DELETE CASCADE ON UPDATE CASCADE;
    END IF;
END
$$;
ALTER TABLE "Conversation" VALIDATE CONSTRAINT "Conversation_channelId_fkey";

-- TEMPLATE joins the job kinds: a named template an agent sends, through the ledger like a reply.
-- The old list is replaced by the new one NOT VALID (a moment's lock), then validated.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_constraint
                WHERE conname = 'OutboundJob_kind_check' AND conrelid = '"OutboundJob"'::regclass
                  AND pg_get_constraintdef(oid) NOT LIKE '%TEMPLATE%') THEN
        ALTER TABLE "OutboundJob" DROP CONSTRAINT "OutboundJob_kind_check";
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                    WHERE conname = 'OutboundJob_kind_check' AND conrelid = '"OutboundJob"'::regclass) THEN
        ALTER TABLE "OutboundJob" ADD CONSTRAINT "OutboundJob_kind_check"
            CHECK ("kind" IN ('REPLY', 'AGENT_REPLY', 'TEMPLATE')) NOT VALID;
    END IF;
END
$$;
ALTER TABLE "OutboundJob" VALIDATE CONSTRAINT "OutboundJob_kind_check";
