package io.inbox.webhook.ingest;

import io.inbox.domain.queue.JobEnqueueSql;
import io.inbox.domain.queue.OutboundQueue;
import io.inbox.webhook.event.WebhookEventStore;

/**
 * The two statements that turn an inbound WhatsApp message into rows, in the order they run in the
 * delivery's transaction. Timestamps are UTC without zone, as Prisma wrote them.
 */
final class InboundSql {

  private InboundSql() {}

  /**
   * Insert or refresh the contact. DO UPDATE (not DO NOTHING) also row-locks the contact until
   * commit, so two messages of one customer arriving at once open one conversation, not two.
   */
  static final String UPSERT_CONTACT =
      """
      INSERT INTO "Contact" ("phone", "waId", "name", "createdAt", "updatedAt")
      VALUES ($1, $2, $3, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))
      ON CONFLICT ("phone") DO UPDATE
         SET "waId" = EXCLUDED."waId",
             "name" = COALESCE(EXCLUDED."name", "Contact"."name"),
             "updatedAt" = EXCLUDED."updatedAt"
      RETURNING "id"
      """;

  /**
   * Everything else of one message, in one statement, after {@link #UPSERT_CONTACT} (a statement of
   * its own: its snapshot is taken once the contact's row lock is held, so it sees the conversation
   * and message a concurrent delivery for that customer just committed, and never opens a second
   * conversation). $1 the provider's message id, $2 the enqueue's traceparent, $3 the contact, $4
   * the channel, $5 whether it is the default one, $6 when the customer sent it, $7–$19 the
   * message's content ({@code InboundContent}), $20 the delivery's event to mark processed here
   * (null: another statement marks it) and $21 its error ({@link EventMark}).
   *
   * <ul>
   *   <li>{@code existing}: a redelivery finds its message and only enqueues (again) its job.
   *   <li>{@code found}: the contact's open conversation on channel $4; a soft-deleted one is never
   *       reused. A conversation is one number's: the same customer writing to two numbers has two.
   *       Rows from before channels have no channel and belong to the default one.
   *   <li>{@code opened}: else a new one, its lastInboundAt set at once (a row inserted by this
   *       statement is invisible to {@code touched}).
   *   <li>{@code inserted}: every type goes into the same row: its type and what it carries;
   *       "details" arrives as JSON text (a text parameter cast here, so the driver never has to
   *       guess a JSON value's type).
   *   <li>{@code touched}: the found conversation's lastInboundAt, never moved back.
   *   <li>{@code job}: the message's job, woken at commit (Postgres delivers NOTIFY on commit only)
   *       unless it was there already.
   *   <li>{@code marked}: the event, processed, which took a statement of its own before. Run again
   *       (below), the statement marks it again, with the same values.
   * </ul>
   *
   * No row comes back only when a concurrent delivery of the same message won the insert after this
   * statement's snapshot: run again, the statement finds it in {@code existing}. The rows it locks
   * (conversation, message and job keys) are locked after the contact's, which serializes one
   * customer's deliveries, as when they were separate statements.
   */
  static final String INGEST =
      """
      WITH existing AS (
          SELECT "id", "conversationId" FROM "Message" WHERE "providerMessageId" = $1
      ), found AS (
          SELECT "id" FROM "Conversation"
           WHERE "contactId" = $3 AND "deletedAt" IS NULL AND "status" <> 'CLOSED'
             AND ("channelId" = $4 OR ($5 AND "channelId" IS NULL))
             AND NOT EXISTS (SELECT FROM existing)
           ORDER BY "id" DESC
           LIMIT 1
      ), opened AS (
          INSERT INTO "Conversation" ("contactId", "channel", "channelId", "status", "lastInboundAt",
                                      "createdAt", "updatedAt")
          SELECT $3, 'whatsapp', $4, 'ACTIVE', $6, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
           WHERE NOT EXISTS (SELECT FROM existing) AND NOT EXISTS (SELECT FROM found)
          RETURNING "id"
      ), inserted AS (
          INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId", "status",
                                 "createdAt", "type", "mediaId", "mimeType", "sha256", "filename",
                                 "caption", "latitude", "longitude", "locationName", "locationAddress",
                                 "contextMessageId", "details")
          SELECT "id", 'INBOUND', $7, $1, 'RECEIVED', $6, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                 $17, $18, CAST($19 AS TEXT)::jsonb
            FROM (SELECT "id" FROM found UNION ALL SELECT "id" FROM opened) conversation
          ON CONFLICT ("providerMessageId") DO NOTHING
          RETURNING "id", "conversationId"
      ), touched AS (
          UPDATE "Conversation" c
             SET "lastInboundAt" = GREATEST(COALESCE(c."lastInboundAt", $6), $6),
                 "updatedAt" = (now() AT TIME ZONE 'UTC')
            FROM inserted
           WHERE c."id" = inserted."conversationId" AND c."id" IN (SELECT "id" FROM found)
      ), message AS (
          SELECT "id", "conversationId" FROM inserted
          UNION ALL
          SELECT "id", "conversationId" FROM existing
      ), job AS (
      %s), woken AS (
          SELECT count(pg_notify('%s', "id"::text)) FROM job WHERE NOT "wasDuplicate"
      ), marked AS (
      %s)
      SELECT job."id", job."conversationId", job."wasDuplicate" FROM job, woken
      """
          .formatted(
              JobEnqueueSql.ENQUEUE_INBOUND_JOB,
              OutboundQueue.CHANNEL,
              WebhookEventStore.markProcessedSql("$20", "$21"));
}
