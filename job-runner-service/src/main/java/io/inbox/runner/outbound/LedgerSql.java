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
   * comes back unchanged for the caller to judge, with how long it still waits for Meta's status
   * ($7 seconds after its last send, by the database's clock); no row at all means the lease was
   * lost.
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
      RETURNING "id", "status", "providerMessageId", "body", "attempts", (xmax = 0) AS "created",
                COALESCE(CAST(EXTRACT(EPOCH FROM "lastAttemptAt" + make_interval(secs => $7)
                                                  - (now() AT TIME ZONE 'UTC')) * 1000 AS bigint), 0)
                  AS "reconcileInMillis"
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
   * Records a send in one statement (one commit): the ledger row SENT (a fact, not fenced; a FAILED
   * that Meta reported meanwhile stays), the outbound Message row the inbox reads, and the job
   * DONE, fenced by its lease epoch. The Message row takes the latest status Meta reported before
   * it existed ("deliveryStatus", kept by the status webhook on this ledger row, whose row lock
   * orders the two writers); a reply Meta reported FAILED raises the operators' Notification.
   * Unique providerMessageId makes the Message insert safe to run twice; the earlier row is found
   * in the statement's snapshot.
   */
  static final String RECORD_SENT =
      """
      WITH sent AS (
          UPDATE "OutboundMessageLog"
             SET "status" = CASE WHEN "status" = 'FAILED' THEN 'FAILED' ELSE 'SENT' END,
                 "providerMessageId" = COALESCE("providerMessageId", $2),
                 "error" = CASE WHEN "status" = 'FAILED' THEN "error" END,
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "id" = $1
          RETURNING COALESCE("deliveryStatus", "status") AS "messageStatus", "error"
      ), message AS (
          INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId", "status",
                                 "error", "statusUpdatedAt", "createdAt")
          SELECT $3, 'OUTBOUND', $4, $2, sent."messageStatus", sent."error",
                 (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
            FROM sent
          ON CONFLICT ("providerMessageId") DO NOTHING
          RETURNING "id", "status", "error"
      ), job AS (
          UPDATE "OutboundJob"
             SET "status" = 'DONE', "lockedAt" = NULL, "lockedBy" = NULL, "lastError" = NULL,
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "id" = $5 AND "leaseEpoch" = $6 AND "status" = 'RUNNING'
          RETURNING "id"
      ), alert AS (
          INSERT INTO "Notification" ("conversationId", "type", "title", "body", "createdAt")
          SELECT $3, 'JOB_FAILED', 'Reply could not be sent',
                 'Job ' || $5 || ': Meta reported message ' || $2 || ' failed: ' || COALESCE(message."error", '?'),
                 (now() AT TIME ZONE 'UTC')
            FROM message
           WHERE message."status" = 'FAILED'
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
