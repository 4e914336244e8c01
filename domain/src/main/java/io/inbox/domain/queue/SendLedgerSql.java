package io.inbox.domain.queue;

import static io.inbox.domain.queue.QueueSqlFragments.jobDone;

/**
 * The send ledger (OutboundMessageLog): one row per send, reserved, started, recorded and settled
 * by job-runner-service around each Cloud API call, and closed by Meta's status webhook
 * (webhook-service) when the runner lost the answer or has not recorded it yet. The row lock orders
 * the two writers; {@link #AWAIT_STATUS}, {@link #CLOSE_LEDGER_ROW} and {@link #WAKE_JOB} are the
 * handshake that lets no status sleep through a parked job's wait, so they stand together here. The
 * ledger's states are drawn in this package's documentation (package-info.java).
 */
public final class SendLedgerSql {

  private SendLedgerSql() {}

  /**
   * Meta's delivery statuses by rank, for {@code expression}: a status only ever replaces a lower
   * one; READ and FAILED are final and never replace each other.
   */
  public static String deliveryRank(String expression) {
    return ("CASE %s WHEN 'SENT' THEN 1 WHEN 'DELIVERED' THEN 2 WHEN 'READ' THEN 3"
            + " WHEN 'FAILED' THEN 3 ELSE 0 END")
        .formatted(expression);
  }

  // ---- job-runner-service: the ledger ---------------------------------------------------------

  /**
   * Reserves the send and, when it is new and the job's lease ($6) still holds, starts it: the row
   * is born SENDING, so the common path costs one statement. An existing row (an earlier attempt's)
   * comes back unchanged for the caller to judge, with how long it still waits for Meta's status
   * ($7 seconds after its last send, by the database's clock); no row at all means the lease was
   * lost.
   */
  public static final String RESERVE =
      """
      INSERT INTO "OutboundMessageLog"
             ("conversationId", "outboundJobId", "dedupeKey", "status", "recipient", "body", "attempts",
              "lastAttemptAt", "createdAt", "updatedAt")
      SELECT $1, $2, $3, 'SENDING', $4, $5, 1,
             (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
       WHERE EXISTS (SELECT 1 FROM "OutboundJob" j
                      WHERE j."id" = $2 AND j."leaseEpoch" = $6 AND j."status" = 'RUNNING')
      ON CONFLICT ("dedupeKey") DO UPDATE SET "updatedAt" = "OutboundMessageLog"."updatedAt"
      RETURNING "id", "status", "providerMessageId", "body", "attempts", "error", (xmax = 0) AS "created",
                COALESCE(CAST(EXTRACT(EPOCH FROM "lastAttemptAt" + make_interval(secs => $7)
                                                  - (now() AT TIME ZONE 'UTC')) * 1000 AS bigint), 0)
                  AS "reconcileInMillis"
      """;

  /**
   * Fenced: only the worker that holds the job's current lease may resend an earlier attempt's row.
   * A rescued job's old worker finds 0 rows here and sends nothing.
   */
  public static final String START_SENDING =
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
   * it existed ("deliveryStatus", kept by {@link #CLOSE_LEDGER_ROW} on this ledger row, whose row
   * lock orders the two writers); a reply Meta reported FAILED raises the operators' Notification.
   *
   * <p>The Message row: a bot's reply ($7 null) is inserted, authored 'bot'; unique
   * providerMessageId makes that safe to run twice, the earlier row being found in the statement's
   * snapshot. An agent's reply already has its row ($7, written PENDING by {@link
   * JobEnqueueSql#ENQUEUE_AGENT_REPLY}): it is updated instead, once, while it has no provider id,
   * so a second run never rolls back a status Meta's webhook advanced meanwhile.
   */
  public static final String RECORD_SENT =
      """
      WITH sent AS (
          UPDATE "OutboundMessageLog"
             SET "status" = CASE WHEN "status" = 'FAILED' THEN 'FAILED' ELSE 'SENT' END,
                 "providerMessageId" = COALESCE("providerMessageId", $2),
                 "error" = CASE WHEN "status" = 'FAILED' THEN "error" END,
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "id" = $1
          RETURNING COALESCE("deliveryStatus", "status") AS "messageStatus", "error"
      ), bot AS (
          INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId", "status",
                                 "error", "author", "statusUpdatedAt", "createdAt")
          SELECT $3, 'OUTBOUND', $4, $2, sent."messageStatus", sent."error", 'bot',
                 (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
            FROM sent
           WHERE $7::integer IS NULL
          ON CONFLICT ("providerMessageId") DO NOTHING
          RETURNING "id", "status", "error"
      ), agent AS (
          UPDATE "Message" m
             SET "providerMessageId" = $2, "status" = sent."messageStatus", "error" = sent."error",
                 "statusUpdatedAt" = (now() AT TIME ZONE 'UTC')
            FROM sent
           WHERE m."id" = $7 AND m."providerMessageId" IS NULL
          RETURNING m."id", m."status", m."error"
      ), message AS (
          SELECT * FROM bot UNION ALL SELECT * FROM agent
      ), job AS (
      %s    RETURNING "id"
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
      """
          .formatted(jobDone(5, 6).indent(4));

  /** Settles a send that did not succeed; never touches a row the status webhook already closed. */
  public static final String SETTLE =
      """
      UPDATE "OutboundMessageLog"
         SET "status" = $2, "error" = $3, "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1 AND "status" IN ('SENDING', 'PENDING')
      """;

  /**
   * Parks a job whose send's outcome is unknown until Meta's status can arrive ($6 seconds, the
   * attempt given back), and marks its ledger row $4 (UNKNOWN after a lost answer) in the same
   * statement. The ledger row is locked first: a status webhook that closed it before comes back
   * here as SENT/FAILED and the job is due at once; one that comes after waits for this commit and
   * then finds the job parked ({@link #WAKE_JOB}). Either way no status sleeps through the window.
   */
  public static final String AWAIT_STATUS =
      """
      WITH ledger AS (
          UPDATE "OutboundMessageLog"
             SET "status" = CASE WHEN "status" IN ('SENDING', 'PENDING') THEN $4 ELSE "status" END,
                 "error" = CASE WHEN "status" IN ('SENDING', 'PENDING') THEN $5 ELSE "error" END,
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "id" = $1
          RETURNING "status"
      )
      UPDATE "OutboundJob" j
         SET "status" = 'QUEUED',
             "runAt" = (now() AT TIME ZONE 'UTC')
                       + CASE WHEN (SELECT "status" FROM ledger) IN ('SENT', 'FAILED') THEN interval '0'
                              ELSE make_interval(secs => $6) END,
             "lockedAt" = NULL, "lockedBy" = NULL, "lastError" = $7, "attempts" = j."attempts" - 1,
             "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE j."id" = $2 AND j."leaseEpoch" = $3 AND j."status" = 'RUNNING'
      RETURNING (SELECT "status" FROM ledger) AS "ledgerStatus"
      """;

  // ---- webhook-service: Meta's statuses -------------------------------------------------------

  /**
   * The runner lost the provider's answer (UNKNOWN), or has not recorded it yet: this status proves
   * the send went out (or failed), so the ledger row closes and the runner will not send it again.
   * The status itself is kept on the row ("deliveryStatus") for the Message row the runner records
   * later; the row lock this takes orders the writers, so neither misses the other. Returns the
   * row's job for {@link #WAKE_JOB}.
   */
  public static final String CLOSE_LEDGER_ROW =
      """
      UPDATE "OutboundMessageLog" l
         SET "status" = CASE WHEN l."status" IN ('UNKNOWN', 'SENDING', 'PENDING') THEN $3
                             ELSE l."status" END,
             "error" = CASE WHEN l."status" IN ('UNKNOWN', 'SENDING', 'PENDING') THEN $5
                            ELSE l."error" END,
             "providerMessageId" = COALESCE(l."providerMessageId", $2),
             "deliveryStatus" = CASE WHEN %s > %s THEN $4 ELSE l."deliveryStatus" END,
             "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE l."id" = $1
      RETURNING l."outboundJobId",
                (SELECT j."traceparent" FROM "OutboundJob" j WHERE j."id" = l."outboundJobId")
                  AS "traceparent"
      """
          .formatted(deliveryRank("$4"), deliveryRank("l.\"deliveryStatus\""));

  /**
   * After {@link #CLOSE_LEDGER_ROW}, in the same transaction but its own statement: a job parked
   * waiting for that news is made due and woken (NOTIFY is delivered at commit). Its own statement
   * because its snapshot must be taken after any wait for the ledger row's lock: a runner that held
   * it was parking the job ({@link #AWAIT_STATUS}), and only a later snapshot sees the job parked.
   */
  public static final String WAKE_JOB =
      """
      WITH woken AS (
          UPDATE "OutboundJob"
             SET "runAt" = (now() AT TIME ZONE 'UTC'), "updatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "id" = $1 AND "status" = 'QUEUED' AND "runAt" > (now() AT TIME ZONE 'UTC')
          RETURNING "id"
      )
      SELECT count(pg_notify('%s', "id"::text)) AS "woken" FROM woken
      """
          .formatted(OutboundQueue.CHANNEL);
}
