package io.inbox.admin.template;

/**
 * What sending a template reads around the one statement that queues it ({@code
 * JobEnqueueSql.ENQUEUE_TEMPLATE}).
 */
final class TemplateSendSql {

  private TemplateSendSql() {}

  /**
   * The conversation ($1, not deleted), its contact (the parameters' values) and the template of
   * the conversation's channel: by id ($2) or by name and language ($3, $4). A conversation without
   * a channel is the default channel's. No template row when the template is another channel's: an
   * agent cannot send from a number the customer did not write to.
   */
  static final String CONVERSATION_AND_TEMPLATE =
      """
      SELECT c."id", ct."name" AS "contactName", ct."phone",
             t."id" AS "templateId", t."name", t."language", t."parameters"::text AS "parameters"
        FROM "Conversation" c
        JOIN "Contact" ct ON ct."id" = c."contactId"
        LEFT JOIN "Template" t
          ON t."channelId" = COALESCE(c."channelId", (SELECT "id" FROM "Channel" WHERE "isDefault"))
         AND (t."id" = $2 OR ($2::int IS NULL AND t."name" = $3 AND t."language" = $4))
       WHERE c."id" = $1 AND c."deletedAt" IS NULL
      """;

  /** The template send a client id made (by this request or an earlier one), as it now stands. */
  static final String SENT_BY_CLIENT_ID =
      """
      SELECT "id", "conversationId", "body", "type", "details"::text AS "details", "status",
             "author", "error", "providerMessageId", "createdAt", "statusUpdatedAt"
        FROM "Message"
       WHERE "clientMessageId" = $1
      """;
}
