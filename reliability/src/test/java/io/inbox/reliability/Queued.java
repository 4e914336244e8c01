package io.inbox.reliability;

import io.inbox.domain.testing.TestDatabase;

/** Jobs put straight into the queue, as a burst of webhooks would leave them. */
final class Queued {

  private Queued() {}

  static void jobs(Stack stack, int count) {
    TestDatabase.execute(
        stack.database,
        """
        INSERT INTO "Contact" ("phone", "name", "updatedAt")
        SELECT '+2609' || lpad(g::text, 8, '0'), 'Q' || g, now() FROM generate_series(1, %d) g;
        INSERT INTO "Conversation" ("contactId", "updatedAt") SELECT id, now() FROM "Contact";
        INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId")
        SELECT id, 'INBOUND', 'hello', 'wamid.queued.' || id FROM "Conversation";
        INSERT INTO "OutboundJob" ("conversationId", "inboundMessageId", "inboundProviderMessageId")
        SELECT "conversationId", id, "providerMessageId" FROM "Message";
        SELECT pg_notify('inbox_outbound_job', '0');
        """
            .formatted(count));
  }
}
