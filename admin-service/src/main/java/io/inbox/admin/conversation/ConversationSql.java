package io.inbox.admin.conversation;

/** The inbox's queries. UTC timestamps without zone, as Prisma wrote them. */
final class ConversationSql {

  private ConversationSql() {}

  private static final String SUMMARY =
      """
      SELECT c."id", c."status", c."channel", c."deletedAt", c."lastInboundAt", c."updatedAt", c."createdAt",
             ct."id" AS "contactId", ct."phone", ct."name",
             last."body" AS "lastBody", last."direction" AS "lastDirection", last."createdAt" AS "lastAt",
             (SELECT count(*) FROM "Message" u
               WHERE u."conversationId" = c."id" AND u."direction" = 'INBOUND'
                 AND u."createdAt" > COALESCE(c."lastReadAt", '-infinity'::timestamp)) AS "unread"
        FROM "Conversation" c
        JOIN "Contact" ct ON ct."id" = c."contactId"
        LEFT JOIN LATERAL (
             SELECT m."body", m."direction", m."createdAt" FROM "Message" m
              WHERE m."conversationId" = c."id"
              ORDER BY m."createdAt" DESC, m."id" DESC
              LIMIT 1) last ON TRUE
      """;

  /** $1 include deleted, $2 status or null, $3 limit, $4 offset. Newest activity first. */
  static final String LIST =
      SUMMARY
          + """
           WHERE ($1 OR c."deletedAt" IS NULL) AND ($2::text IS NULL OR c."status" = $2)
           ORDER BY COALESCE(last."createdAt", c."createdAt") DESC, c."id" DESC
           LIMIT $3 OFFSET $4
          """;

  static final String ONE = SUMMARY + " WHERE c.\"id\" = $1";

  static final String MESSAGES =
      """
      SELECT "id", "direction", "body", "status", "providerMessageId", "createdAt"
        FROM "Message" WHERE "conversationId" = $1
       ORDER BY "createdAt", "id"
       LIMIT $2 OFFSET $3
      """;

  /** Idempotent: a second call keeps the first timestamp. */
  static final String SOFT_DELETE =
      """
      UPDATE "Conversation"
         SET "deletedAt" = COALESCE("deletedAt", (now() AT TIME ZONE 'UTC')),
             "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1
      RETURNING "deletedAt"
      """;

  static final String RESTORE =
      """
      UPDATE "Conversation" SET "deletedAt" = NULL, "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1
      RETURNING "id"
      """;

  static final String HARD_DELETE = "DELETE FROM \"Conversation\" WHERE \"id\" = $1";
}
