package io.inbox.domain.queue;

/**
 * A job made: one per inbound message (webhook-service), and an agent's reply or template with the
 * outbound Message row the inbox shows at once (admin-service), each exactly once per key. The
 * queue's state machine and what every statement here keeps to (UTC, the database's clock, status
 * names) are in this package's documentation (package-info.java).
 */
public final class JobEnqueueSql {

  private JobEnqueueSql() {}

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
}
