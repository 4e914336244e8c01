-- One row per job the language-model orchestrator decided: what it asked (prompt), what came back
-- (answer), the decision that was used (reply, handover, reason) and what it cost (model, tokens,
-- latency). The decision is stored before the ledger row is reserved, so a retried or rescued job
-- reuses it instead of asking the model again (a second answer could differ, and costs again).
-- Audit data: the runner deletes rows older than ORCHESTRATOR_RUN_RETENTION (createdAt index).
--
-- A new table: no lock on a busy one, so a plain transaction is fine. Every step is idempotent.
CREATE TABLE IF NOT EXISTS "OrchestratorRun" (
    "id" SERIAL NOT NULL,
    "outboundJobId" INTEGER NOT NULL,
    "conversationId" INTEGER NOT NULL,
    -- NULL when no model was asked (a guard rail decided alone).
    "model" TEXT,
    -- The chat messages sent, as JSON; the contact's first name, never the phone number.
    "prompt" TEXT,
    "answer" TEXT,
    -- MODEL: the model's answer was used. RULES: the rules answered (fallbackCause says why).
    "source" TEXT NOT NULL,
    "fallbackCause" TEXT,
    -- NULL: no reply at all (a reaction or a system message).
    "reply" TEXT,
    "handover" BOOLEAN NOT NULL,
    "reason" TEXT,
    "tokensIn" INTEGER,
    "tokensOut" INTEGER,
    "latencyMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrchestratorRun_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "OrchestratorRun_source_check" CHECK ("source" IN ('MODEL', 'RULES'))
);

-- One decision per job: two workers racing on a rescued job keep the first one stored.
CREATE UNIQUE INDEX IF NOT EXISTS "OrchestratorRun_outboundJobId_key" ON "OrchestratorRun" ("outboundJobId");
CREATE INDEX IF NOT EXISTS "OrchestratorRun_conversationId_idx" ON "OrchestratorRun" ("conversationId");
-- Retention deletes by age.
CREATE INDEX IF NOT EXISTS "OrchestratorRun_createdAt_idx" ON "OrchestratorRun" ("createdAt");

-- RESTRICT, as every reference to a job or a conversation: an audit row never vanishes with them.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                    WHERE conname = 'OrchestratorRun_outboundJobId_fkey'
                      AND conrelid = '"OrchestratorRun"'::regclass) THEN
        ALTER TABLE "OrchestratorRun" ADD CONSTRAINT "OrchestratorRun_outboundJobId_fkey"
            FOREIGN KEY ("outboundJobId") REFERENCES "OutboundJob" ("id")
            ON DELETE RESTRICT ON UPDATE CASCADE;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                    WHERE conname = 'OrchestratorRun_conversationId_fkey'
                      AND conrelid = '"OrchestratorRun"'::regclass) THEN
        ALTER TABLE "OrchestratorRun" ADD CONSTRAINT "OrchestratorRun_conversationId_fkey"
            FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id")
            ON DELETE RESTRICT ON UPDATE CASCADE;
    END IF;
END
$$;
