-- The ledger's reference to its job, indexed. Every delete of an OutboundJob (retention) checks
-- OutboundMessageLog_outboundJobId_fkey (RESTRICT), and retention asks whether a job still has a
-- ledger row: without this index both are a scan of the whole ledger per job, which at a few
-- million ledger rows turns an hourly batch into minutes of I/O.
--
-- Runs outside a transaction (V9__ledger_job_index.sql.conf) so the index is built CONCURRENTLY:
-- sends keep writing the ledger meanwhile. A build that failed half-way leaves an INVALID index,
-- dropped here first so the next migrate builds it again.
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
