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
}
