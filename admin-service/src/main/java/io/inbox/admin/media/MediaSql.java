package io.inbox.admin.media;

/** What the media download reads. */
final class MediaSql {

  private MediaSql() {}

  /**
   * The message's file and the token reference of its conversation's number: a conversation without
   * a channel (written before channels existed) belongs to the default channel, whose token is
   * WHATSAPP_TOKEN even where its Channel row is missing. No row: no such message.
   */
  static final String MEDIA_OF_MESSAGE =
      """
      SELECT m."mediaId", m."sha256", m."mimeType", m."filename",
             COALESCE(ch."tokenRef", 'WHATSAPP_TOKEN') AS "tokenRef"
        FROM "Message" m
        JOIN "Conversation" c ON c."id" = m."conversationId"
        LEFT JOIN "Channel" ch
               ON ch."id" = COALESCE(c."channelId",
                                     (SELECT d."id" FROM "Channel" d WHERE d."isDefault"))
       WHERE m."id" = $1
      """;
}
