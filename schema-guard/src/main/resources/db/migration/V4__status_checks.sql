-- Status columns accept only the values the code writes (domain's JobStatus and LedgerStatus, the
-- literals in the services); ProductSchema declares the same lists. Named as Prisma names checks.
--
-- Runs outside a transaction (V4__status_checks.sql.conf), so each step below commits on its own:
-- adding a constraint NOT VALID holds an ACCESS EXCLUSIVE lock only for a moment, and validating it
-- scans the table under SHARE UPDATE EXCLUSIVE while reads and writes go on. Every step is
-- idempotent; a failed run is retried by the next migrate.

-- Step 1: refuse before anything changes. A NOT VALID constraint still checks every updated row,
-- so adding one while legacy rows hold other values would make the services' updates of those rows
-- fail. Data is never rewritten here: schema-guard lists the rows and the UPDATE to run instead.
CREATE OR REPLACE FUNCTION pg_temp.refuse_rows_outside(tbl TEXT, col TEXT, allowed TEXT[]) RETURNS VOID AS $$
DECLARE
    bad TEXT;
BEGIN
    EXECUTE format('SELECT %I FROM %I WHERE %I <> ALL ($1) LIMIT 1', col, tbl, col)
       INTO bad USING allowed;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = format('check constraint "%s_%s_check" of relation "%s" is violated by some row',
                             tbl, col, tbl),
            DETAIL = format('%s.%s holds %L', tbl, col, bad);
    END IF;
END
$$ LANGUAGE plpgsql;

SELECT pg_temp.refuse_rows_outside('Conversation', 'status', ARRAY['ACTIVE', 'HANDOVER', 'CLOSED']);
SELECT pg_temp.refuse_rows_outside('Message', 'direction', ARRAY['INBOUND', 'OUTBOUND']);
SELECT pg_temp.refuse_rows_outside('Message', 'status', ARRAY['RECEIVED', 'PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED']);
SELECT pg_temp.refuse_rows_outside('OutboundJob', 'status', ARRAY['QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED']);
SELECT pg_temp.refuse_rows_outside('OutboundMessageLog', 'status', ARRAY['PENDING', 'SENDING', 'SENT', 'FAILED', 'UNKNOWN']);
SELECT pg_temp.refuse_rows_outside('Task', 'status', ARRAY['OPEN', 'DONE']);

-- Step 2: add each constraint NOT VALID unless a constraint of that name exists.
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

SELECT pg_temp.ensure_check('Conversation', 'status', ARRAY['ACTIVE', 'HANDOVER', 'CLOSED']);
SELECT pg_temp.ensure_check('Message', 'direction', ARRAY['INBOUND', 'OUTBOUND']);
SELECT pg_temp.ensure_check('Message', 'status', ARRAY['RECEIVED', 'PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED']);
SELECT pg_temp.ensure_check('OutboundJob', 'status', ARRAY['QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED']);
SELECT pg_temp.ensure_check('OutboundMessageLog', 'status', ARRAY['PENDING', 'SENDING', 'SENT', 'FAILED', 'UNKNOWN']);
SELECT pg_temp.ensure_check('Task', 'status', ARRAY['OPEN', 'DONE']);

-- Step 3: validate (a no-op for a constraint that is already valid).
ALTER TABLE "Conversation" VALIDATE CONSTRAINT "Conversation_status_check";
ALTER TABLE "Message" VALIDATE CONSTRAINT "Message_direction_check";
ALTER TABLE "Message" VALIDATE CONSTRAINT "Message_status_check";
ALTER TABLE "OutboundJob" VALIDATE CONSTRAINT "OutboundJob_status_check";
ALTER TABLE "OutboundMessageLog" VALIDATE CONSTRAINT "OutboundMessageLog_status_check";
ALTER TABLE "Task" VALIDATE CONSTRAINT "Task_status_check";
