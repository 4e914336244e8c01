package io.inbox.runner.queue;

/**
 * The job queue, as SQL. Every write after a claim is conditioned on the claim's lease epoch (the
 * fencing token), so a worker whose lease expired and whose job was rescued cannot overwrite what
 * the new owner did. Timestamps are UTC without zone, as Prisma wrote them.
 */
final class QueueSql {

  private QueueSql() {}

  /**
   * Claims up to $1 due jobs for worker $3: queued ones whose time has come and, when $4 is true,
   * running ones whose lease ($2 seconds) expired (their worker died). SKIP LOCKED lets any number
   * of replicas, cron calls and notifications claim at once without ever taking the same job. Each
   * job comes back with its conversation, contact and inbound message, so processing starts without
   * another round trip. The inbound message is found by provider id, not
   * OutboundJob.inboundMessageId: jobs the earlier system created have no such column value.
   *
   * <p>Why two branches, each an index scan in (status, runAt) order: every job leaves dead index
   * entries behind as it moves QUEUED → RUNNING → DONE, and until vacuum runs a bitmap scan visits
   * all of them on every claim (milliseconds once a drain is under way). An ordered index scan
   * stops at the first live rows and marks the dead entries it passes so later scans skip them. The
   * expired branch walks every RUNNING entry, so callers ask for it only now and then.
   */
  static final String CLAIM =
      """
      WITH queued AS (
          SELECT "id", "status" AS "previousStatus"
            FROM "OutboundJob"
           WHERE "status" = 'QUEUED' AND "runAt" <= (now() AT TIME ZONE 'UTC')
           ORDER BY "runAt"
           LIMIT $1
             FOR UPDATE SKIP LOCKED
      ), expired AS (
          SELECT "id", "status" AS "previousStatus"
            FROM "OutboundJob"
           WHERE $4 AND "status" = 'RUNNING'
             AND "lockedAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $2)
           ORDER BY "runAt"
           LIMIT $1
             FOR UPDATE SKIP LOCKED
      ), due AS (
          SELECT * FROM expired
          UNION ALL
          SELECT * FROM queued
          LIMIT $1
      ), claimed AS (
          UPDATE "OutboundJob" j
             SET "status" = 'RUNNING',
                 "lockedAt" = (now() AT TIME ZONE 'UTC'),
                 "lockedBy" = $3,
                 "attempts" = j."attempts" + 1,
                 "leaseEpoch" = j."leaseEpoch" + 1,
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
            FROM due
           WHERE j."id" = due."id"
          RETURNING j."id", j."conversationId", j."inboundProviderMessageId", j."attempts",
                    j."maxAttempts", j."leaseEpoch", due."previousStatus"
      )
      SELECT claimed.*, c."status" AS "conversationStatus", (c."deletedAt" IS NOT NULL) AS "deleted",
             c."leadId", ct."id" AS "contactId", ct."phone", ct."name",
             m."id" AS "messageId", m."body"
        FROM claimed
        LEFT JOIN "Conversation" c ON c."id" = claimed."conversationId"
        LEFT JOIN "Contact" ct ON ct."id" = c."contactId"
        LEFT JOIN "Message" m ON m."providerMessageId" = claimed."inboundProviderMessageId"
       ORDER BY claimed."id"
      """;

  /** Keeps the leases of this worker's in-flight jobs fresh. */
  static final String RENEW =
      """
      UPDATE "OutboundJob" SET "lockedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = ANY($1) AND "lockedBy" = $2 AND "status" = 'RUNNING'
      """;

  static final String COMPLETE =
      """
      UPDATE "OutboundJob"
         SET "status" = 'DONE', "lockedAt" = NULL, "lockedBy" = NULL, "lastError" = NULL,
             "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1 AND "leaseEpoch" = $2 AND "status" = 'RUNNING'
      """;

  /**
   * Back to the queue $3 seconds from now, by the database's clock (the one every runAt is compared
   * with). $4 = 1 gives the attempt back (a throttle that is not the job's fault, or a shutdown
   * that released it).
   */
  static final String RETRY =
      """
      UPDATE "OutboundJob"
         SET "status" = 'QUEUED', "runAt" = (now() AT TIME ZONE 'UTC') + make_interval(secs => $3), "lockedAt" = NULL, "lockedBy" = NULL,
             "lastError" = $5, "attempts" = "attempts" - $4, "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1 AND "leaseEpoch" = $2 AND "status" = 'RUNNING'
      """;

  static final String FAIL =
      """
      UPDATE "OutboundJob"
         SET "status" = 'FAILED', "lockedAt" = NULL, "lockedBy" = NULL, "lastError" = $3,
             "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1 AND "leaseEpoch" = $2 AND "status" = 'RUNNING'
      """;

  /** An operator alert, e.g. a job that exhausted its attempts. */
  static final String NOTIFY_OPERATORS =
      """
      INSERT INTO "Notification" ("conversationId", "type", "title", "body", "createdAt")
      VALUES ($1, $2, $3, $4, (now() AT TIME ZONE 'UTC'))
      """;
}
