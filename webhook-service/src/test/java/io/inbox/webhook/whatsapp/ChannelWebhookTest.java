package io.inbox.webhook.whatsapp;

import static io.inbox.webhook.whatsapp.WebhookBodies.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each message goes to the channel of the number it was sent to (metadata.phone_number_id). */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Rows.DB))
class ChannelWebhookTest {

  @BeforeEach
  void twoNumbers() {
    Rows.clean();
    TestDatabase.execute(
        Rows.DB,
        """
        DELETE FROM "Channel" WHERE NOT "isDefault";
        INSERT INTO "Channel" ("name", "phoneNumberId", "tokenRef")
        VALUES ('sales', '111', 'WHATSAPP_TOKEN_SALES'), ('support', '222', 'WHATSAPP_TOKEN_SUPPORT');
        """);
  }

  @AfterEach
  void onlyTheDefaultChannel() {
    Rows.clean();
    TestDatabase.execute(
        Rows.DB,
        """
        DELETE FROM "Channel" WHERE NOT "isDefault";
        UPDATE "Channel" SET "active" = true WHERE "isDefault";
        """);
  }

  @Test
  void oneCustomerWritingToTwoNumbersInOneBodyHasTwoConversationsAndTwoJobs() {
    post(body(change("111", "wamid.S1", "to sales"), change("222", "wamid.P1", "to support")))
        .statusCode(200);

    assertEquals(1, Rows.count("SELECT count(*) FROM \"Contact\""));
    assertEquals(
        "sales|to sales;support|to support",
        Rows.value(
            """
            SELECT string_agg(ch.name || '|' || m.body, ';' ORDER BY ch.name)
              FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
              JOIN "Channel" ch ON ch.id = c."channelId"
            """));
    assertEquals(2, Rows.count("SELECT count(DISTINCT \"conversationId\") FROM \"OutboundJob\""));

    post(body(change("111", "wamid.S2", "again"))).statusCode(200);
    assertEquals(2, Rows.count("SELECT count(*) FROM \"Conversation\""));
    assertEquals(
        2,
        Rows.count(
            """
            SELECT count(*) FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
              JOIN "Channel" ch ON ch.id = c."channelId" WHERE ch.name = 'sales'
            """));
  }

  @Test
  void anUnclaimedNumberGoesToTheDefaultChannelWhoseOldConversationsHaveNoChannel() {
    post(WebhookBodies.text("260777711059", "Ada", "wamid.D1", "first")).statusCode(200);
    TestDatabase.execute(Rows.DB, "UPDATE \"Conversation\" SET \"channelId\" = NULL");

    post(WebhookBodies.text("260777711059", "Ada", "wamid.D2", "second")).statusCode(200);

    assertEquals(1, Rows.count("SELECT count(*) FROM \"Conversation\""));
    assertEquals(2, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
  }

  @Test
  void aNumberNoActiveChannelHasIsStoredCountedAnsweredOkAndNeverRepliedTo() {
    TestDatabase.execute(Rows.DB, "UPDATE \"Channel\" SET \"active\" = false WHERE \"isDefault\"");
    double before = Metrics.counter("webhook_unknown_number_total");

    post(body(change("999", "wamid.U1", "hello?"), change("111", "wamid.S3", "to sales")))
        .statusCode(200)
        .body("ok", equalTo(true));

    assertEquals(before + 1, Metrics.counter("webhook_unknown_number_total"));
    assertEquals(1, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
    assertEquals(0, Rows.count("SELECT count(*) FROM \"Message\" WHERE body = 'hello?'"));
    assertEquals(1, Rows.count("SELECT count(*) FROM \"Conversation\""));
    assertEquals(
        "unknown phone_number_id 999: message wamid.U1 not handled",
        Rows.value(
            "SELECT error FROM \"WebhookEvent\" WHERE payload::text LIKE '%wamid.U1%'"
                + " AND \"processedAt\" IS NOT NULL"));
  }

  private static String body(String... changes) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"waba\",\"changes\":["
        + String.join(",", changes)
        + "]}]}";
  }

  private static String change(String phoneNumberId, String wamid, String text) {
    return """
        {"field":"messages","value":{"messaging_product":"whatsapp",
          "metadata":{"display_phone_number":"1555%1$s","phone_number_id":"%1$s"},
          "contacts":[{"profile":{"name":"Ada"},"wa_id":"260777711059"}],
          "messages":[{"from":"260777711059","id":"%2$s","timestamp":"1767225600","type":"text",
                       "text":{"body":"%3$s"}}]}}
        """
        .formatted(phoneNumberId, wamid, text);
  }
}
