package io.inbox.domain.queue;

import static io.inbox.domain.queue.QueueSqlFragments.agentReplyUnsent;
import static io.inbox.domain.queue.QueueSqlFragments.jobDone;

/**
 * The runner's lease on a job (job-runner-service): claimed, kept fresh, and ended by the worker
 * that holds it (done, cancelled, back to the queue, failed). Every ending is fenced by the lease
 * epoch the claim gave out, so a worker whose job was rescued by another writes nothing. The
 * queue's state machine is in this package's documentation (package-info.java).
 */
public final class JobLeaseSql {

  private JobLeaseSql() {}

  // ---- job-runner-service: claim, renew, settle ------------------------------------------

  /**
   * Claims up to $1 due jobs for worker $3: queued ones whose time has come and, when $4 is true,
   * running ones whose lease ($2 seconds) expired (their worker died). SKIP LOCKED lets any number
   * of replicas, cron calls and notifications claim at once without ever taking the same job. Each
   * job comes back with its conversation (and its mode), contact and inbound message, so processing
   * starts without another round trip. The inbound message is found by provider id, not
   * OutboundJob.inboundMessageId: jobs the earlier system created have no such column value. An
   * AGENT_REPLY job comes back with its kind and the agent's PENDING Message row (its id and the
   * text to send); a TEMPLATE job with that row's details (the template and its values). Every job
   * comes back with the number it is sent from (the conversation's channel; no channel is the
   * default one), whether that number is paused, its re-engagement template, and whether the
   * customer's 24-hour window is still open (no inbound time known counts as open: Meta decides).
   *
   * <p>Why two branches, each an index scan in (status, runAt) order: every job leaves dead index
   * entries behind as it moves QUEUED → RUNNING → DONE, and until vacuum runs a bitmap scan visits
   * all of them on every claim (milliseconds once a drain is under way). An ordered index scan
   * stops at the first live rows and marks the dead entries it passes so later scans skip them. The
   * expired branch walks every RUNNING entry, so callers ask for it only now and then.
   */
  public static final String CLAIM =
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
          RETURNING j."id", j."conversationId", j."inboundProviderMessageId", j."kind",
                    j."outboundMessageId", j."attempts", j."maxAttempts", j."leaseEpoch",
                    j."traceparent", due."previousStatus"
      )
      SELECT claimed.*, c."status" AS "conversationStatus", c."mode" AS "conversationMode",
             (c."deletedAt" IS NOT NULL) AS "deleted",
             c."leadId", ct."id" AS "contactId", ct."phone", ct."name",
             m."id" AS "messageId", m."body", m."type" AS "messageType", m."caption",
             agent."body" AS "agentReplyBody", agent."details"::text AS "outboundDetails",
             c."lastInboundAt" IS NULL
               OR c."lastInboundAt" > (now() AT TIME ZONE 'UTC') - interval '24 hours' AS "windowOpen",
             ch."id" AS "channelId", ch."name" AS "channelName",
             ch."phoneNumberId" AS "channelPhoneNumberId", ch."tokenRef", ch."isDefault" AS "channelIsDefault",
             ch."pausedReason", ch."pausedTokenFingerprint", (ch."pausedAt" IS NOT NULL) AS "channelPaused",
             rt."name" AS "reengagementName", rt."language" AS "reengagementLanguage",
             rt."parameters"::text AS "reengagementParameters"
        FROM claimed
        LEFT JOIN "Conversation" c ON c."id" = claimed."conversationId"
        LEFT JOIN "Contact" ct ON ct."id" = c."contactId"
        LEFT JOIN "Message" m ON m."providerMessageId" = claimed."inboundProviderMessageId"
        LEFT JOIN "Message" agent ON agent."id" = claimed."outboundMessageId"
        LEFT JOIN "Channel" ch
               ON ch."id" = COALESCE(c."channelId", (SELECT "id" FROM "Channel" WHERE "isDefault"))
        LEFT JOIN "Template" rt ON rt."channelId" = ch."id" AND rt."reengagement"
       ORDER BY claimed."id"
      """;

  /** Keeps the leases of a worker's in-flight jobs fresh. */
  public static final String RENEW =
      """
      UPDATE "OutboundJob" SET "lockedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = ANY($1) AND "lockedBy" = $2 AND "status" = 'RUNNING'
      """;

  /** A job that needs no reply (conversation deleted or in HUMAN mode), fenced by its lease. */
  public static final String COMPLETE = jobDone(1, 2);

  /**
   * An agent reply that must not go out (its conversation was deleted after it was queued, or the
   * customer's 24-hour window closed before it could be sent): the job done, fenced, and the
   * agent's Message FAILED with the reason $3, in one statement. Returns how many jobs it closed
   * (0: the lease was lost, and nothing was written).
   */
  public static final String COMPLETE_UNSENT =
      """
      WITH job AS (
      %s    RETURNING "outboundMessageId"
      ), message AS (
      %s)
      SELECT count(*) AS "jobs" FROM job
      """
          .formatted(jobDone(1, 2).indent(4), agentReplyUnsent("job", "$3").indent(4));

  /**
   * A job that must not be sent and cannot become sendable by waiting (the customer's 24-hour
   * window closed and no template can reopen it), fenced by its lease; $3 says why.
   */
  public static final String CANCEL =
      """
      UPDATE "OutboundJob"
         SET "status" = 'CANCELLED', "lockedAt" = NULL, "lockedBy" = NULL, "lastError" = $3,
             "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1 AND "leaseEpoch" = $2 AND "status" = 'RUNNING'
      """;

  /**
   * Back to the queue $3 seconds from now, by the database's clock (the one every runAt is compared
   * with). $4 = 1 gives the attempt back (a throttle that is not the job's fault, or a shutdown
   * that released it).
   */
  public static final String RETRY =
      """
      UPDATE "OutboundJob"
         SET "status" = 'QUEUED', "runAt" = (now() AT TIME ZONE 'UTC') + make_interval(secs => $3), "lockedAt" = NULL, "lockedBy" = NULL,
             "lastError" = $5, "attempts" = "attempts" - $4, "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1 AND "leaseEpoch" = $2 AND "status" = 'RUNNING'
      """;

  /**
   * A job failed for good (refused, out of attempts, given up), fenced by its lease; an agent
   * reply's Message row fails with it, with the same reason ($3), so the agent sees it at once.
   * Returns how many jobs it failed (0: the lease was lost, and nothing was written).
   */
  public static final String FAIL =
      """
      WITH job AS (
          UPDATE "OutboundJob"
             SET "status" = 'FAILED', "lockedAt" = NULL, "lockedBy" = NULL, "lastError" = $3,
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "id" = $1 AND "leaseEpoch" = $2 AND "status" = 'RUNNING'
          RETURNING "outboundMessageId"
      ), message AS (
      %s)
      SELECT count(*) AS "jobs" FROM job
      """
          .formatted(agentReplyUnsent("job", "$3").indent(4));
}
