package io.inbox.domain.queue;

import static io.inbox.domain.queue.QueueSqlFragments.agentReplyUnsent;

/**
 * What admin-service's operators do to the queue's rows: the jobs list, a failed job retried (its
 * refused send reopened with it), the queued jobs of a deleted conversation cancelled, and a
 * contact's text erased from the ledger. The queue's state machine is in this package's
 * documentation (package-info.java).
 */
public final class QueueAdminSql {

  private QueueAdminSql() {}

  // ---- admin-service: operators ---------------------------------------------------------------

  /** Jobs for the admin list, newest first, optionally of one status ($1). */
  public static final String LIST_JOBS =
      """
SELECT "id", "conversationId", "inboundProviderMessageId", "status", "attempts", "maxAttempts",
       "lastError", "runAt", "updatedAt"
  FROM "OutboundJob" WHERE ($1::text IS NULL OR "status" = $1)
 ORDER BY "updatedAt" DESC, "id" DESC
 LIMIT $2 OFFSET $3
      """;

  /**
   * A FAILED job back to the queue with fresh attempts, due now. An agent reply's Message row goes
   * back to PENDING with it (the inbox shows it waiting again), unless Meta accepted it once (it
   * has a provider id): that send stays FAILED, as its ledger row does.
   */
  public static final String RETRY_FAILED_JOB =
      """
WITH job AS (
    UPDATE "OutboundJob"
       SET "status" = 'QUEUED', "attempts" = 0, "runAt" = (now() AT TIME ZONE 'UTC'),
           "lockedAt" = NULL, "lockedBy" = NULL, "updatedAt" = (now() AT TIME ZONE 'UTC')
     WHERE "id" = $1 AND "status" = 'FAILED'
    RETURNING "id", "conversationId", "inboundProviderMessageId", "status", "attempts", "maxAttempts",
              "lastError", "runAt", "updatedAt", "outboundMessageId"
), message AS (
    UPDATE "Message" m
       SET "status" = 'PENDING', "error" = NULL, "statusUpdatedAt" = (now() AT TIME ZONE 'UTC')
      FROM job
     WHERE m."id" = job."outboundMessageId" AND m."status" = 'FAILED' AND m."providerMessageId" IS NULL
)
SELECT "id", "conversationId", "inboundProviderMessageId", "status", "attempts", "maxAttempts",
       "lastError", "runAt", "updatedAt"
  FROM job
      """;

  /**
   * The retried job's refused ledger row reopened: a refused send never reached the customer, so
   * sending it is no duplicate. (A row Meta accepted and then reported FAILED has a provider id and
   * stays: the customer may have it.)
   */
  public static final String REOPEN_REFUSED_SEND =
      """
UPDATE "OutboundMessageLog" SET "status" = 'PENDING', "error" = NULL, "updatedAt" = (now() AT TIME ZONE 'UTC')
 WHERE "outboundJobId" = $1 AND "status" = 'FAILED' AND "providerMessageId" IS NULL
      """;

  public static final String JOB_STATUS =
      """
SELECT "status" FROM "OutboundJob" WHERE "id" = $1
      """;

  /**
   * Nothing is sent to a deleted conversation: its queued jobs are cancelled, and an agent reply
   * among them shows FAILED on its Message row. The jobs are locked first, so one a runner claims
   * meanwhile is left to the runner (which finds the conversation deleted). The row count is the
   * jobs cancelled.
   */
  public static final String CANCEL_QUEUED_JOBS =
      """
      WITH job AS (
          SELECT "id", "outboundMessageId" FROM "OutboundJob"
           WHERE "conversationId" = $1 AND "status" = 'QUEUED'
             FOR UPDATE
      ), message AS (
      %s)
      UPDATE "OutboundJob" j
         SET "status" = 'CANCELLED', "lastError" = 'Conversation deleted', "updatedAt" = (now() AT TIME ZONE 'UTC')
        FROM job
       WHERE j."id" = job."id"
      """
          .formatted(agentReplyUnsent("job", "'Conversation deleted'").indent(4));

  /**
   * Erasure of a contact ($1): the ledger keeps its rows (counts, dedupe keys, provider ids) but
   * not what was sent or to whom. Idempotent: a second run matches no row and writes nothing.
   */
  public static final String ERASE_LEDGER_TEXT =
      """
      UPDATE "OutboundMessageLog"
         SET "body" = CASE WHEN "body" IS NULL THEN NULL ELSE '[erased]' END, "recipient" = NULL,
             "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "conversationId" IN (SELECT "id" FROM "Conversation" WHERE "contactId" = $1)
         AND ("recipient" IS NOT NULL OR "body" IS DISTINCT FROM '[erased]' AND "body" IS NOT NULL)
      """;
}
