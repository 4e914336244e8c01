-- Two additions, each idempotent. Runs outside a transaction
-- (V9__ledger_job_index_and_pause_code.sql.conf) so the index is built CONCURRENTLY: sends keep
-- writing the ledger meanwhile.

-- Meta's code for a paused channel's refusal (190, 131031…). A refused token is probed with the
-- Graph API until Meta accepts it again; a locked account or a blocked number waits for a new token
-- or a person's resume (a token that can read the number still cannot send from it). Nullable: the
-- release before this one never writes it.
ALTER TABLE "Channel" ADD COLUMN IF NOT EXISTS "pausedCode" TEXT;

-- The ledger's reference to its job, indexed. Every delete of an OutboundJob (retention) checks
-- OutboundMessageLog_outboundJobId_fkey (RESTRICT), and retention asks whether a job still has a
-- ledger row: without this index both are a scan of the whole ledger per job, which at a few
-- million ledger rows turns an hourly batch into minutes of I/O. A build that failed half-way
-- leaves an INVALID index, dropped here first so this migrate builds it again.
DO $$
DECLARE
    idx RECORD;
BEGIN
    FOR idx IN
        SELECT i.relname FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_namespace n ON n.oid = i.relnamespace
         WHERE NOT x.indisvalid AND n.nspname = current_schema()
           AND i.relname IN ('OutboundMessageLog_outboundJobId_idx')
    LOOP
        EXECUTE format('DROP INDEX %I', idx.relname);
    END LOOP;
END
$$;
CREATE INDEX CONCURRENTLY IF NOT EXISTS "OutboundMessageLog_outboundJobId_idx" ON "OutboundMessageLog" ("outboundJobId");
