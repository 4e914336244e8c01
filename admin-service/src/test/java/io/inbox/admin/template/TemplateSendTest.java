package io.inbox.admin.template;

import static io.inbox.admin.AdminDb.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.admin.AdminDb;
import io.inbox.admin.channel.ChannelDb;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class TemplateSendTest {

  long conversation;
  long sales;
  long orderUpdate;

  @BeforeEach
  void aConversationOnSalesWithAClosedWindow() {
    ChannelDb.clean();
    sales = ChannelDb.channel("sales", "111", "WHATSAPP_TOKEN_SALES");
    orderUpdate = template(sales, "order_update", "en_US", "[\"contact.name\", \"today\"]");
    conversation = AdminDb.conversation("+260777700001", "Ada", "hello");
    AdminDb.execute(
        "UPDATE \"Conversation\" SET \"channelId\" = %d, \"lastInboundAt\" = (now() AT TIME ZONE 'UTC') - interval '3 days' WHERE id = %d"
            .formatted(sales, conversation));
  }

  @Test
  void aTemplateIsQueuedOutsideTheWindowAsAPendingMessageWithItsTemplateJob() {
    int id =
        send(conversation, "{\"templateId\":" + orderUpdate + ",\"clientMessageId\":\"t-1\"}")
            .statusCode(202)
            .body("status", equalTo("PENDING"))
            .body("author", equalTo("Ada Agent"))
            .body("body", equalTo("[template order_update (en_US)]"))
            .body("template.name", equalTo("order_update"))
            .body("template.parameters", contains("Ada", "today"))
            .extract()
            .path("id");

    assertEquals(
        "OUTBOUND|PENDING|template|order_update|en_US|[\"Ada\", \"today\"]",
        AdminDb.value(
            "SELECT direction || '|' || status || '|' || type || '|' || (details->>'name') || '|'"
                + " || (details->>'language') || '|' || (details->'parameters')::text"
                + " FROM \"Message\" WHERE \"clientMessageId\" = 't-1'"));
    assertEquals(
        "TEMPLATE|QUEUED|template:t-1|" + id + "|" + conversation,
        AdminDb.value(
            "SELECT kind || '|' || status || '|' || \"inboundProviderMessageId\" || '|'"
                + " || \"outboundMessageId\" || '|' || \"conversationId\" FROM \"OutboundJob\""));
  }

  @Test
  void theSameRequestTwiceIsOneMessageAndOneJobAndAReusedIdIs409() {
    String json = "{\"name\":\"order_update\",\"language\":\"en_US\",\"clientMessageId\":\"t-2\"}";
    int first = send(conversation, json).statusCode(202).extract().path("id");
    send(conversation, json).statusCode(202).body("id", equalTo(first));

    long other = AdminDb.conversation("+260777700002", "Bo", "hi");
    AdminDb.execute(
        "UPDATE \"Conversation\" SET \"channelId\" = " + sales + " WHERE id = " + other);
    send(other, json).statusCode(409).body("field", equalTo("clientMessageId"));
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"OutboundJob\""));
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'"));
  }

  @Test
  void anotherChannelsTemplateOrADeletedConversationIs404() {
    long defaultChannel =
        Long.parseLong(AdminDb.value("SELECT id FROM \"Channel\" WHERE \"isDefault\""));
    long welcome = template(defaultChannel, "welcome", "en", "[]");
    send(conversation, "{\"templateId\":" + welcome + ",\"clientMessageId\":\"t-3\"}")
        .statusCode(404)
        .body("error", equalTo("No such template on this conversation's channel"));

    long onDefault = AdminDb.conversation("+260777700003", "Cy", "hi");
    send(onDefault, "{\"templateId\":" + welcome + ",\"clientMessageId\":\"t-4\"}").statusCode(202);

    AdminDb.execute("UPDATE \"Conversation\" SET \"deletedAt\" = now() WHERE id = " + conversation);
    send(conversation, "{\"templateId\":" + orderUpdate + ",\"clientMessageId\":\"t-5\"}")
        .statusCode(404);
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"OutboundJob\""));
  }

  @Test
  void aParameterTheContactCannotFillIs409AndNothingQueued() {
    AdminDb.execute("UPDATE \"Contact\" SET name = NULL");
    send(conversation, "{\"templateId\":" + orderUpdate + ",\"clientMessageId\":\"t-6\"}")
        .statusCode(409)
        .body("field", equalTo("parameters"));
    send(conversation, "{\"clientMessageId\":\"t-7\"}")
        .statusCode(400)
        .body("field", equalTo("templateId"));
    assertEquals(0, AdminDb.count("SELECT count(*) FROM \"OutboundJob\""));
  }

  private static long template(long channel, String name, String language, String parameters) {
    return Long.parseLong(
        AdminDb.value(
            "INSERT INTO \"Template\" (\"channelId\", name, language, parameters) VALUES (%d, '%s', '%s', '%s') RETURNING id"
                .formatted(channel, name, language, parameters)));
  }

  private static ValidatableResponse send(long conversation, String json) {
    return admin()
        .contentType("application/json")
        .body(json)
        .post("/api/admin/conversations/" + conversation + "/templates")
        .then();
  }
}
