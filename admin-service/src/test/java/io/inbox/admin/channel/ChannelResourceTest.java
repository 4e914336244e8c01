package io.inbox.admin.channel;

import static io.inbox.admin.AdminDb.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.admin.AdminDb;
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
class ChannelResourceTest {

  static final String SALES =
      "{\"name\":\"sales\",\"phoneNumberId\":\"111\",\"displayNumber\":\"+1 555 010 0001\","
          + "\"wabaId\":\"900\",\"tokenRef\":\"WHATSAPP_TOKEN_SALES\"}";

  @BeforeEach
  void onlyTheDefaultChannel() {
    ChannelDb.clean();
  }

  @Test
  void aChannelIsAddedWithItsTokenReferenceAndShowsWhetherTheTokenIsThere() {
    int id =
        create(SALES)
            .statusCode(201)
            .body("name", equalTo("sales"))
            .body("phoneNumberId", equalTo("111"))
            .body("tokenRef", equalTo("WHATSAPP_TOKEN_SALES"))
            .body("tokenConfigured", equalTo(true))
            .body("active", equalTo(true))
            .body("isDefault", equalTo(false))
            .body("messagesPerSecond", equalTo(80))
            .body("$", not(hasKey("token")))
            .extract()
            .path("id");
    create("{\"name\":\"support\",\"phoneNumberId\":\"222\",\"tokenRef\":\"WHATSAPP_TOKEN_NONE\"}")
        .statusCode(201)
        .body("tokenConfigured", equalTo(false));

    admin()
        .get("/api/admin/channels")
        .then()
        .statusCode(200)
        .body("name", contains("default", "sales", "support"))
        .body("[0].isDefault", equalTo(true))
        .body("[0].tokenRef", equalTo("WHATSAPP_TOKEN"));
    admin()
        .get("/api/admin/channels/" + id)
        .then()
        .statusCode(200)
        .body("displayNumber", equalTo("+1 555 010 0001"));
    assertEquals(
        "WHATSAPP_TOKEN_SALES|111",
        AdminDb.value(
            "SELECT \"tokenRef\" || '|' || \"phoneNumberId\" FROM \"Channel\" WHERE id = " + id));
  }

  @Test
  void aTokenWhereItsReferenceBelongsIsRefusedAndNothingStored() {
    for (String tokenRef :
        new String[] {"EAAGm0PX4ZCpsBAKZC", "EAAB", "whatsapp_token", "A".repeat(65)}) {
      create(SALES.replace("WHATSAPP_TOKEN_SALES", tokenRef))
          .statusCode(400)
          .body("field", equalTo("tokenRef"));
    }
    create("{\"name\":\"x\",\"phoneNumberId\":\"1\",\"tokenRef\":\"T\",\"token\":\"EAAG\"}")
        .statusCode(400)
        .body("field", equalTo("token"))
        .body("error", containsString("tokenRef"));
    create("{\"name\":\"x\",\"tokenRef\":\"T\"}")
        .statusCode(400)
        .body("field", equalTo("phoneNumberId"));
    create("{\"name\":\"x\",\"phoneNumberId\":\"12a\",\"tokenRef\":\"T\"}")
        .statusCode(400)
        .body("field", equalTo("phoneNumberId"));
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"Channel\""));
  }

  @Test
  void aSecondChannelWithTheSameNumberOrNameIs409() {
    create(SALES).statusCode(201);
    create(SALES.replace("\"sales\"", "\"other\""))
        .statusCode(409)
        .body("field", equalTo("phoneNumberId"));
    create(SALES.replace("\"111\"", "\"333\"")).statusCode(409).body("field", equalTo("name"));
    assertEquals(2, AdminDb.count("SELECT count(*) FROM \"Channel\""));
  }

  @Test
  void aPatchChangesOnlyTheFieldsItNames() {
    int id = create(SALES).statusCode(201).extract().path("id");

    patch(id, "{\"active\":false,\"messagesPerSecond\":20,\"wabaId\":null}")
        .statusCode(200)
        .body("active", equalTo(false))
        .body("messagesPerSecond", equalTo(20))
        .body("wabaId", equalTo(null))
        .body("name", equalTo("sales"))
        .body("phoneNumberId", equalTo("111"));
    assertEquals(
        "false|20|sales",
        AdminDb.value(
            "SELECT active || '|' || \"messagesPerSecond\" || '|' || name FROM \"Channel\" WHERE id = "
                + id));
    patch(id, "{\"phoneNumberId\":null}").statusCode(400).body("field", equalTo("phoneNumberId"));
    patch(id, "{\"tokenRef\":null}").statusCode(400).body("field", equalTo("tokenRef"));
    patch(id, "{\"name\":null}").statusCode(400).body("field", equalTo("name"));
    patch(id, "{\"messagesPerSecond\":0}")
        .statusCode(400)
        .body("field", equalTo("messagesPerSecond"));
    patch(999, "{\"active\":true}").statusCode(404);
  }

  @Test
  void aChannelInUseIsNotDeletedButAnUnusedOneIs() {
    int used = create(SALES).statusCode(201).extract().path("id");
    int unused =
        create("{\"name\":\"support\",\"phoneNumberId\":\"222\",\"tokenRef\":\"T\"}")
            .statusCode(201)
            .extract()
            .path("id");
    long conversation = AdminDb.conversation("+260777700001", "Ada", "hi");
    AdminDb.execute(
        "UPDATE \"Conversation\" SET \"channelId\" = " + used + " WHERE id = " + conversation);

    admin()
        .delete("/api/admin/channels/" + used)
        .then()
        .statusCode(409)
        .body("error", equalTo(Channels.IN_USE));
    int defaultId =
        Integer.parseInt(AdminDb.value("SELECT id FROM \"Channel\" WHERE \"isDefault\""));
    admin().delete("/api/admin/channels/" + defaultId).then().statusCode(409);
    admin().delete("/api/admin/channels/" + unused).then().statusCode(204);
    admin().delete("/api/admin/channels/" + unused).then().statusCode(404);
    assertEquals(2, AdminDb.count("SELECT count(*) FROM \"Channel\""));
  }

  @Test
  void aPausedChannelIsResumedByAPersonAndItsHeldRepliesAreDueAtOnce() {
    int sales = create(SALES).statusCode(201).extract().path("id");
    long conversation = AdminDb.conversation("+260777700001", "Ada", "hi");
    AdminDb.execute(
        """
        UPDATE "Conversation" SET "channelId" = %1$d WHERE id = %2$d;
        UPDATE "Channel" SET "pausedAt" = now(), "pausedReason" = 'HTTP 403 code 131031: locked',
                             "pausedCode" = '131031'
         WHERE id = %1$d;
        INSERT INTO "OutboundJob" ("conversationId", "inboundProviderMessageId", "runAt", "lastError")
        VALUES (%2$d, 'wamid.HELD', (now() AT TIME ZONE 'UTC') + interval '5 minutes',
                'Channel sales paused: HTTP 403 code 131031: locked');
        """
            .formatted(sales, conversation));

    admin()
        .post("/api/admin/channels/" + sales + "/resume")
        .then()
        .statusCode(200)
        .body("pausedAt", equalTo(null))
        .body("pausedReason", equalTo(null));

    assertEquals(
        1,
        AdminDb.count(
            "SELECT count(*) FROM \"OutboundJob\" WHERE \"runAt\" <= (now() AT TIME ZONE 'UTC')"));
    assertEquals(
        "Resumed by Ada Agent",
        AdminDb.value("SELECT body FROM \"Notification\" WHERE type = 'CHANNEL_RESUMED'"));
    admin().post("/api/admin/channels/" + sales + "/resume").then().statusCode(200);
    assertEquals(
        1, AdminDb.count("SELECT count(*) FROM \"Notification\" WHERE type = 'CHANNEL_RESUMED'"));
    admin().post("/api/admin/channels/999999/resume").then().statusCode(404);
  }

  @Test
  void writesNeedTheActingPerson() {
    io.restassured.RestAssured.given()
        .header("Authorization", "Bearer test-admin-token")
        .contentType("application/json")
        .body(SALES)
        .post("/api/admin/channels")
        .then()
        .statusCode(400)
        .body("field", equalTo("X-Admin-User"));
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"Channel\""));
  }

  static ValidatableResponse create(String json) {
    return admin().contentType("application/json").body(json).post("/api/admin/channels").then();
  }

  private static ValidatableResponse patch(int id, String json) {
    return admin()
        .contentType("application/json")
        .body(json)
        .patch("/api/admin/channels/" + id)
        .then();
  }
}
