package io.inbox.webhook.ingest;

/**
 * Every statement that turns an inbound WhatsApp message into rows, in the order they run in one
 * transaction. Timestamps are UTC without zone, as Prisma wrote them.
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
   * The contact's open conversation on channel $2; a soft-deleted one is never reused. A
   * conversation is one number's: the same customer writing to two numbers has two. Rows from
   * before channels have no channel and belong to the default one ($3: $2 is the default).
   */
  static final String FIND_OPEN_CONVERSATION =
      """
      SELECT "id" FROM "Conversation"
       WHERE "contactId" = $1 AND "deletedAt" IS NULL AND "status" <> 'CLOSED'
         AND ("channelId" = $2 OR ($3 AND "channelId" IS NULL))
       ORDER BY "id" DESC
       LIMIT 1
      """;

  static final String OPEN_CONVERSATION =
      """
      INSERT INTO "Conversation" ("contactId", "channel", "channelId", "status", "createdAt", "updatedAt")
      VALUES ($1, 'whatsapp', $2, 'ACTIVE', (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))
      RETURNING "id"
      """;

  /**
   * Nothing is returned when Meta redelivers a message we already have. Every type goes into the
   * same row: its type and what it carries ({@code InboundContent}); "details" arrives as JSON text
   * (a text parameter cast here, so the driver never has to guess a JSON value's type).
   */
  static final String INSERT_MESSAGE =
      """
      INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId", "status", "createdAt",
                             "type", "mediaId", "mimeType", "sha256", "filename", "caption",
                             "latitude", "longitude", "locationName", "locationAddress",
                             "contextMessageId", "details")
      VALUES ($1, 'INBOUND', $2, $3, 'RECEIVED', $4,
              $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, CAST($16 AS TEXT)::jsonb)
      ON CONFLICT ("providerMessageId") DO NOTHING
      RETURNING "id"
      """;

  static final String FIND_MESSAGE =
      """
      SELECT "id", "conversationId" FROM "Message" WHERE "providerMessageId" = $1
      """;

  static final String TOUCH_CONVERSATION =
      """
      UPDATE "Conversation"
         SET "lastInboundAt" = GREATEST(COALESCE("lastInboundAt", $2), $2),
             "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1
      """;

  /** Wakes the runner when the transaction commits (Postgres delivers NOTIFY on commit only). */
  static final String NOTIFY_RUNNER = "SELECT pg_notify($1, $2)";
}
