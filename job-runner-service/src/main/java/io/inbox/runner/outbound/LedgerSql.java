package io.inbox.runner.outbound;

/**
 * The outbound idempotency ledger (OutboundMessageLog): PENDING → SENDING → SENT | FAILED |
 * UNKNOWN. A row is reserved before the provider is called; a row found SENT is never sent again.
 */
final class LedgerSql {

  private LedgerSql() {}

  /**
   * Reserves the send and, when it is new and the job's lease ($6) still holds, starts it: the row
   * is born SENDING, so the common path costs one statement. An existing row (an earlier attempt's)
   * comes back unchanged for the caller to judge; no row at all means the lease was lost.
   */
  static final String RESERVE =
      """
      INSERT INTO "OutboundMessageLog"
             ("conversationId", "outboundJobId", "dedupeKey", "status", "recipient", "body", "attempts",
              "lastAttemptAt", "createdAt", "updatedAt")
      SELECT $1, $2, $3, 'SENDING', $4, $5, 1,
             (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
       WHERE EXISTS (SELECT 1 FROM "OutboundJob" j
                      WHERE j."id" = $2 AND j."leaseEpoch" = $6 AND j."status" = 'RUNNING')
      ON CONFLICT ("dedupeKey") DO UPDATE SET "updatedAt" = "OutboundMessageLog"."updatedAt"
      RETURNING "id", "status", "providerMessageId", "body", "lastAttemptAt", (xmax = 0) AS "created"
      """;

  /**
   * Fenced: only the worker that holds the job's current lease may resend an earlier attempt's row.
   * A rescued job's old worker finds 0 rows here and sends nothing.
   */
  static final String START_SENDING =
      """
      UPDATE "OutboundMessageLog" l
         SET "status" = 'SENDING', "attempts" = l."attempts" + 1,
             "lastAttemptAt" = (now() AT TIME ZONE 'UTC'), "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE l."id" = $1 AND l."status" IN ('PENDING', 'UNKNOWN', 'SENDING')
         AND EXISTS (SELECT 1 FROM "OutboundJob" j
                      WHERE j."id" = $2 AND j."leaseEpoch" = $3 AND j."status" = 'RUNNING')
      """;

  /**
   * Records a send in one statement (one commit): the ledger row SENT (a fact, not fenced), the
   * outbound Message row the inbox reads (unique providerMessageId makes it safe to write twice;
   * the earlier row is found in the statement's snapshot), and the job DONE, fenced by its lease
   * epoch.
   */
  static final String RECORD_SENT =
      """
      WITH sent AS (
          UPDATE "OutboundMessageLog"
             SET "status" = 'SENT', "providerMessageId" = COALESCE("providerMessageId", $2), "error" = NULL,
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "id" = $1
      ), message AS (
          INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId", "status", "createdAt")
          VALUES ($3, 'OUTBOUND', $4, $2, 'SENT', (now() AT TIME ZONE 'UTC'))
          ON CONFLICT ("providerMessageId") DO NOTHING
          RETURNING "id"
      ), job AS (
          UPDATE "OutboundJob"
             SET "status" = 'DONE', "lockedAt" = NULL, "lockedBy" = NULL, "lastError" = NULL,
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "id" = $5 AND "leaseEpoch" = $6 AND "status" = 'RUNNING'
          RETURNING "id"
      )
      SELECT COALESCE((SELECT "id" FROM message),
                      (SELECT "id" FROM "Message" WHERE "providerMessageId" = $2)) AS "messageRowId",
             EXISTS (SELECT 1 FROM job) AS "jobCompleted"
      """;

  /** Settles a send that did not succeed; never touches a row the status webhook already closed. */
  static final String SETTLE =
      """
      UPDATE "OutboundMessageLog"
         SET "status" = $2, "error" = $3, "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1 AND "status" IN ('SENDING', 'PENDING')
      """;

  static final String START_HANDOVER =
      """
      UPDATE "Conversation" SET "status" = 'HANDOVER', "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1 AND "status" <> 'HANDOVER'
      """;

  static final String CREATE_TASK =
      """
      INSERT INTO "Task" ("conversationId", "title", "status", "dueAt", "createdAt", "updatedAt")
      VALUES ($1, $2, 'OPEN', (now() AT TIME ZONE 'UTC') + interval '1 hour',
              (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))
      """;
}
