package io.inbox.admin.contact;

/** The erasure statements on tables the inbox model does not map. */
final class ContactErasureSql {

  private ContactErasureSql() {}

  /**
   * Webhook events that carry the contact: its phone's digits ($1) or its WhatsApp id ($2), both as
   * LIKE patterns, anywhere in the stored JSON or the raw body. Cloud API payloads write the number
   * without '+', so the digits find it in either form. An erased row matches neither.
   */
  static final String ERASE_WEBHOOK_EVENTS =
      """
      UPDATE "WebhookEvent"
         SET "payload" = '{"erased": true}'::jsonb, "rawBody" = NULL
       WHERE "payload"::text LIKE $1 OR "rawBody" LIKE $1
          OR "payload"::text LIKE $2 OR "rawBody" LIKE $2
      """;

  /**
   * The language model's audit rows of the contact's ($1) conversations: what was asked and
   * answered holds the customer's words. The decision itself (handover, source, cost) stays.
   */
  static final String ERASE_ORCHESTRATOR_RUNS =
      """
      UPDATE "OrchestratorRun"
         SET "prompt" = NULL, "answer" = NULL, "reason" = NULL,
             "reply" = CASE WHEN "reply" IS NULL THEN NULL ELSE '[erased]' END
       WHERE "conversationId" IN (SELECT "id" FROM "Conversation" WHERE "contactId" = $1)
         AND ("prompt" IS NOT NULL OR "answer" IS NOT NULL OR "reason" IS NOT NULL
              OR "reply" IS DISTINCT FROM '[erased]' AND "reply" IS NOT NULL)
      """;
}
