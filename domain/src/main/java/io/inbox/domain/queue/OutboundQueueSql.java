package io.inbox.domain.queue;

/**
 * Every statement that moves an OutboundJob or an OutboundMessageLog row, for all three services:
 * the queue's state machine in one place, readable as SQL. Timestamps are UTC without zone, as
 * Prisma wrote them, and always the database's clock ({@code now()}), never a JVM's. The statuses
 * written here are {@link JobStatus} and {@link LedgerStatus} names; {@code OutboundQueueSqlTest}
 * holds every literal to those enums, which the CHECK constraints are derived from too.
 *
 * <pre>
 * OutboundJob:        QUEUED ─claim→ RUNNING ─record→ DONE
 *                       ↑  ←retry──┘   └─fail→ FAILED ─admin retry→ QUEUED
 *                       └─(conversation soft-deleted; a closed 24-hour window without a template)→ CANCELLED
 * OutboundMessageLog: (reserve) SENDING ─record→ SENT
 *                       │  └─settle→ PENDING (not sent) | UNKNOWN (answer lost) | FAILED (refused)
 *                       └─ Meta's status webhook closes SENDING/UNKNOWN/PENDING → SENT | FAILED
 * Agent's Message:    (enqueue) PENDING ─record→ SENT (Meta's later statuses: the webhook)
 *                                  └─fail, or complete unsent→ FAILED with the reason
 * </pre>
 */
public final class OutboundQueueSql {

  private OutboundQueueSql() {}

  /**
   * A job done, fenced: only the worker holding the lease epoch (${@code job}, ${@code epoch}) may
   * close it. Shared by {@link #COMPLETE}, {@link #COMPLETE_UNSENT} and {@link #RECORD_SENT}.
   */
  private static String jobDone(int job, int epoch) {
    return """
        UPDATE "OutboundJob"
           SET "status" = 'DONE', "lockedAt" = NULL, "lockedBy" = NULL, "lastError" = NULL,
               "updatedAt" = (now() AT TIME ZONE 'UTC')
         WHERE "id" = $%d AND "leaseEpoch" = $%d AND "status" = 'RUNNING'
        """
        .formatted(job, epoch);
  }

  /**
   * The agent's Message row of a job (the data-modifying CTE {@code job}, returning its
   * "outboundMessageId") that ends without a send: FAILED with the reason {@code error} (an SQL
   * expression), as the inbox shows it. A row Meta accepted (it has a provider id) is never marked
   * FAILED here. A bot's reply (no such row) is untouched. Shared by {@link #FAIL}, {@link
   * #COMPLETE_UNSENT} and {@link #CANCEL_QUEUED_JOBS}.
   */
  private static String agentReplyUnsent(String job, String error) {
    return """
        UPDATE "Message" m
           SET "status" = 'FAILED', "error" = %2$s, "statusUpdatedAt" = (now() AT TIME ZONE 'UTC')
          FROM %1$s
         WHERE m."id" = %1$s."outboundMessageId" AND m."providerMessageId" IS NULL
        """
        .formatted(job, error);
  }

  /**
   * Meta's delivery statuses by rank, for {@code expression}: a status only ever replaces a lower
   * one; READ and FAILED are final and never replace each other.
   */
  public static String deliveryRank(String expression) {
    return ("CASE %s WHEN 'SENT' THEN 1 WHEN 'DELIVERED' THEN 2 WHEN 'READ' THEN 3"
            + " WHEN 'FAILED' THEN 3 ELSE 0 END")
        .formatted(expression);
  }

  // ---- webhook-service: enqueue ------------------------------------------------------------

  /**
   * One job per inbound message: a data-modifying CTE of the webhook's ingest statement, for each
   * row of its CTE {@code message} ("id", "conversationId"), keyed by the provider's message id $1;
   * $2 is the enqueue's W3C traceparent (or null), which the runner continues. The no-op DO UPDATE
   * makes RETURNING give the existing row on a redelivery (which keeps the first traceparent), and
   * {@code xmax <> 0} tells the two cases apart: that is {@code wasDuplicate}.
   */
  public static final String ENQUEUE_INBOUND_JOB =
      """
      INSERT INTO "OutboundJob"
             ("conversationId", "inboundMessageId", "inboundProviderMessageId", "status", "runAt",
              "createdAt", "updatedAt", "traceparent")
      SELECT "conversationId", "id", $1, 'QUEUED', (now() AT TIME ZONE 'UTC'),
             (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'), $2
        FROM message
      ON CONFLICT ("inboundProviderMessageId") DO UPDATE SET "updatedAt" = "OutboundJob"."updatedAt"
      RETURNING "id", "conversationId", (xmax <> 0) AS "wasDuplicate"
      """;

  // ---- admin-service: an agent's reply ---------------------------------------------------------

  /**
   * An agent's reply ($3, by $4) to conversation $1, in one statement: the PENDING outbound Message
   * row the inbox shows at once, and its AGENT_REPLY job, woken at commit. The client's id ($2)
   * makes it exactly once: the Message's clientMessageId and the job's key are unique, so a double
   * click or a retried request inserts nothing (the caller then reads the row with {@link
   * #AGENT_REPLY_BY_CLIENT_ID}: a concurrent twin is invisible to this statement's snapshot).
   * Nothing is written for a deleted conversation or outside Meta's 24-hour customer service
   * window, judged by the database's clock; the result says which.
   */
  public static final String ENQUEUE_AGENT_REPLY =
      """
      WITH conversation AS (
          SELECT "id", "lastInboundAt",
                 COALESCE("lastInboundAt" > (now() AT TIME ZONE 'UTC') - interval '24 hours', false)
                   AS "windowOpen"
            FROM "Conversation"
           WHERE "id" = $1 AND "deletedAt" IS NULL
      ), message AS (
          INSERT INTO "Message" ("conversationId", "direction", "body", "status", "author",
                                 "clientMessageId", "statusUpdatedAt", "createdAt")
          SELECT "id", 'OUTBOUND', $3, 'PENDING', $4, $2,
                 (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
            FROM conversation
           WHERE "windowOpen"
          ON CONFLICT ("clientMessageId") DO NOTHING
          RETURNING "id", "conversationId"
      ), job AS (
          INSERT INTO "OutboundJob" ("conversationId", "inboundProviderMessageId", "kind",
                                     "outboundMessageId", "status", "runAt", "createdAt", "updatedAt")
          SELECT "conversationId", '%s' || $2, 'AGENT_REPLY', "id", 'QUEUED',
                 (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
            FROM message
          RETURNING "id"
      )
      SELECT EXISTS (SELECT 1 FROM conversation) AS "conversationFound",
             COALESCE((SELECT "windowOpen" FROM conversation), false) AS "windowOpen",
             (SELECT "lastInboundAt" FROM conversation) AS "lastInboundAt",
             (SELECT "id" FROM message) AS "messageId",
             (SELECT count(pg_notify('%s', "id"::text)) FROM job) AS "jobsQueued"
      """
          .formatted(OutboundQueue.AGENT_REPLY_KEY_PREFIX, OutboundQueue.CHANNEL);

  /** The agent reply a client id made (by this request or an earlier one), with its progress. */
  public static final String AGENT_REPLY_BY_CLIENT_ID =
      """
      SELECT m."id", m."conversationId", m."body", m."status", m."author", m."error",
             m."providerMessageId", m."createdAt", m."statusUpdatedAt"
        FROM "Message" m
       WHERE m."clientMessageId" = $1
      """;

  // ---- admin-service: a template an agent sends -------------------------------------------------

  /**
   * A template ($3 the readable body, $5 its details JSON: {@code {"name", "language",
   * "parameters": [resolved values]}}) sent by $4 to conversation $1, in one statement as {@link
   * #ENQUEUE_AGENT_REPLY}: the PENDING outbound Message (type 'template') and its TEMPLATE job,
   * woken at commit, exactly once per client id ($2: the Message's clientMessageId and the job's
   * key are unique; the caller reads the row with {@link #AGENT_REPLY_BY_CLIENT_ID}). No window
   * check: a template is how a business writes once the 24-hour window has closed. Nothing is
   * written for a deleted conversation. The parameters are resolved from the contact before, so the
   * Message shows what the customer gets and the runner sends it as it stands. $5 is cast through
   * text: a String bound to jsonb would be stored as one JSON string, not the object.
   */
  public static final String ENQUEUE_TEMPLATE =
      """
      WITH conversation AS (
          SELECT "id" FROM "Conversation" WHERE "id" = $1 AND "deletedAt" IS NULL
      ), message AS (
          INSERT INTO "Message" ("conversationId", "direction", "body", "status", "author",
                                 "clientMessageId", "type", "details", "statusUpdatedAt", "createdAt")
          SELECT "id", 'OUTBOUND', $3, 'PENDING', $4, $2, 'template', $5::text::jsonb,
                 (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
            FROM conversation
          ON CONFLICT ("clientMessageId") DO NOTHING
          RETURNING "id", "conversationId"
      ), job AS (
          INSERT INTO "OutboundJob" ("conversationId", "inboundProviderMessageId", "kind",
                                     "outboundMessageId", "status", "runAt", "createdAt", "updatedAt")
          SELECT "conversationId", '%s' || $2, 'TEMPLATE', "id", 'QUEUED',
                 (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
            FROM message
          RETURNING "id"
      )
      SELECT EXISTS (SELECT 1 FROM conversation) AS "conversationFound",
             (SELECT "id" FROM message) AS "messageId",
             (SELECT count(pg_notify('%s', "id"::text)) FROM job) AS "jobsQueued"
      """
          .formatted(OutboundQueue.TEMPLATE_KEY_PREFIX, OutboundQueue.CHANNEL);

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
   * #ENQUEUE_AGENT_REPLY}): it is updated instead, once, while it has no provider id, so a second
   * run never rolls back a status Meta's webhook advanced meanwhile.
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
