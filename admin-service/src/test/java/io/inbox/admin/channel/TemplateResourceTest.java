package io.inbox.admin.channel;

import static io.inbox.admin.AdminDb.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
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
class TemplateResourceTest {

  long sales;

  @BeforeEach
  void aChannel() {
    ChannelDb.clean();
    sales = ChannelDb.channel("sales", "111", "WHATSAPP_TOKEN_SALES");
  }

  @Test
  void templatesAreAddedListedPerChannelAndDeleted() {
    int id =
        add(
                sales,
                "{\"name\":\"order_update\",\"language\":\"en_US\","
                    + "\"parameters\":[\"contact.name\",\"today\"]}")
            .statusCode(201)
            .body("channelId", equalTo((int) sales))
            .body("parameters", contains("contact.name", "today"))
            .body("reengagement", equalTo(false))
            .extract()
            .path("id");
    add(sales, "{\"name\":\"hello\",\"language\":\"pt_BR\",\"reengagement\":true}")
        .statusCode(201)
        .body("parameters", equalTo(java.util.List.of()));

    admin()
        .get("/api/admin/channels/" + sales + "/templates")
        .then()
        .statusCode(200)
        .body("name", contains("hello", "order_update"));
    long other = ChannelDb.channel("support", "222", "T");
    admin()
        .get("/api/admin/channels/" + other + "/templates")
        .then()
        .statusCode(200)
        .body("size()", equalTo(0));
    admin().delete("/api/admin/channels/" + other + "/templates/" + id).then().statusCode(404);
    admin().delete("/api/admin/channels/" + sales + "/templates/" + id).then().statusCode(204);
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"Template\""));
    admin().get("/api/admin/channels/999/templates").then().statusCode(404);
  }

  @Test
  void oneReengagementTemplateAndOneTemplatePerNameAndLanguage() {
    add(sales, "{\"name\":\"hello\",\"language\":\"en\",\"reengagement\":true}").statusCode(201);
    add(sales, "{\"name\":\"again\",\"language\":\"en\",\"reengagement\":true}")
        .statusCode(409)
        .body("field", equalTo("reengagement"));
    add(sales, "{\"name\":\"hello\",\"language\":\"en\"}")
        .statusCode(409)
        .body("field", equalTo("name"));
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"Template\""));
  }

  @Test
  void aFlawedTemplateIs400AndAnUnknownChannel404() {
    add(sales, "{\"name\":\"Order Update\",\"language\":\"en\"}")
        .statusCode(400)
        .body("field", equalTo("name"));
    add(sales, "{\"name\":\"x\",\"language\":\"english\"}")
        .statusCode(400)
        .body("field", equalTo("language"));
    add(sales, "{\"name\":\"x\",\"language\":\"en\",\"parameters\":[\"contact.email\"]}")
        .statusCode(400)
        .body("field", equalTo("parameters"));
    add(sales, "{\"name\":\"x\",\"language\":\"en\",\"parameters\":\"contact.name\"}")
        .statusCode(400)
        .body("field", equalTo("parameters"));
    add(999, "{\"name\":\"x\",\"language\":\"en\"}").statusCode(404);
    assertEquals(0, AdminDb.count("SELECT count(*) FROM \"Template\""));
  }

  private static ValidatableResponse add(long channel, String json) {
    return admin()
        .contentType("application/json")
        .body(json)
        .post("/api/admin/channels/" + channel + "/templates")
        .then();
  }
}
