package io.inbox.admin.channel;

/**
 * The Channel and Template rows the admin API reads and writes. A channel holds a reference to its
 * token (an environment variable or Secret key), never the token. Conflicts are left to the unique
 * indexes and foreign keys, and read from the error: a check first would race with a concurrent
 * write.
 */
final class ChannelSql {

  private ChannelSql() {}

  private static final String COLUMNS =
      """
      "id", "name", "phoneNumberId", "displayNumber", "wabaId", "tokenRef", "active", "isDefault",
      "messagesPerSecond", "pausedAt", "pausedReason", "createdAt", "updatedAt"
      """;

  /** The default channel first, then in the order they were added. */
  static final String LIST =
      "SELECT " + COLUMNS + " FROM \"Channel\" ORDER BY \"isDefault\" DESC, \"id\"";

  static final String FIND = "SELECT " + COLUMNS + " FROM \"Channel\" WHERE \"id\" = $1";

  /**
   * Locked, so two PATCHes of one channel apply one after the other, each to the other's result.
   */
  static final String FIND_FOR_UPDATE = FIND + " FOR UPDATE";

  /** Never a default channel: there is one, the single-number variables', seeded by V8. */
  static final String INSERT =
      """
      INSERT INTO "Channel" ("name", "phoneNumberId", "displayNumber", "wabaId", "tokenRef", "active",
                             "messagesPerSecond", "createdAt", "updatedAt")
      VALUES ($1, $2, $3, $4, $5, $6, $7, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))
      RETURNING
      """
          + COLUMNS;

  static final String UPDATE =
      """
      UPDATE "Channel"
         SET "name" = $2, "phoneNumberId" = $3, "displayNumber" = $4, "wabaId" = $5, "tokenRef" = $6,
             "active" = $7, "messagesPerSecond" = $8, "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1
      RETURNING
      """
          + COLUMNS;

  /**
   * Deletes an unused channel (its templates and pacing bucket go with it). Nothing is deleted, and
   * the row says why, for the default channel (rows without a channel are its conversations) or one
   * that conversations use; Conversation_channelId_fkey still stops a conversation opened
   * meanwhile.
   */
  static final String DELETE =
      """
      WITH channel AS (
          SELECT "id", "isDefault",
                 EXISTS (SELECT 1 FROM "Conversation" WHERE "channelId" = $1) AS "inUse"
            FROM "Channel" WHERE "id" = $1
      ), deleted AS (
          DELETE FROM "Channel" c USING channel
           WHERE c."id" = channel."id" AND NOT channel."isDefault" AND NOT channel."inUse"
          RETURNING c."id"
      )
      SELECT EXISTS (SELECT 1 FROM channel) AS "found",
             COALESCE((SELECT "isDefault" FROM channel), false) AS "isDefault",
             COALESCE((SELECT "inUse" FROM channel), false) AS "inUse",
             EXISTS (SELECT 1 FROM deleted) AS "deleted"
      """;

  // ---- templates -----------------------------------------------------------------------------

  private static final String TEMPLATE_COLUMNS =
      """
      "id", "channelId", "name", "language", "parameters"::text AS "parameters", "reengagement",
      "createdAt", "updatedAt"
      """;

  static final String TEMPLATES =
      "SELECT "
          + TEMPLATE_COLUMNS
          + " FROM \"Template\" WHERE \"channelId\" = $1 ORDER BY \"name\", \"language\"";

  static final String CHANNEL_EXISTS = "SELECT 1 FROM \"Channel\" WHERE \"id\" = $1";

  /**
   * $4: the parameters as a JSON array text, cast through text: bound to jsonb directly, the client
   * would store the Java String as one JSON string. A missing channel inserts nothing.
   */
  static final String INSERT_TEMPLATE =
      """
      INSERT INTO "Template" ("channelId", "name", "language", "parameters", "reengagement",
                              "createdAt", "updatedAt")
      SELECT "id", $2, $3, $4::text::jsonb, $5, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
        FROM "Channel" WHERE "id" = $1
      RETURNING
      """
          + TEMPLATE_COLUMNS;

  /** Only the channel's own template: an id of another channel's deletes nothing. */
  static final String DELETE_TEMPLATE =
      """
      DELETE FROM "Template" WHERE "id" = $2 AND "channelId" = $1 RETURNING "id"
      """;
}
