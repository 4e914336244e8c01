package io.inbox.admin.conversation;

import static io.inbox.admin.AdminDb.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.admin.AdminDb;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Take-over, release and read: who answers a conversation and what its agent has seen. */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class ConversationHandlingTest {

  long id;

  @BeforeEach
  void seed() {
    AdminDb.clean();
    id = AdminDb.conversation("+260777711059", "Ada", "hello");
  }

  private String row() {
    return AdminDb.value(
        "SELECT concat_ws('|', \"mode\", \"status\", coalesce(\"assignee\", '-'),"
            + " coalesce(\"modeChangedBy\", '-'), \"modeChangedAt\" IS NOT NULL)"
            + " FROM \"Conversation\" WHERE id = "
            + id);
  }

  @Test
  void takeOverHandsTheConversationToTheAgentOnceAndReleaseGivesItBackToTheBot() {
    String first =
        admin()
            .post("/api/admin/conversations/" + id + "/takeover")
            .then()
            .statusCode(200)
            .body("mode", equalTo("HUMAN"))
            .body("status", equalTo("HANDOVER"))
            .body("assignee", equalTo("Ada Agent"))
            .body("modeChangedBy", equalTo("Ada Agent"))
            .body("modeChangedAt", notNullValue())
            .extract()
            .asString();
    assertEquals("HUMAN|HANDOVER|Ada Agent|Ada Agent|t", row());
    long events = AdminDb.count("SELECT count(*) FROM \"InboxEvent\"");

    String second =
        admin()
            .post("/api/admin/conversations/" + id + "/takeover")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertEquals(first, second);
    assertEquals(events, AdminDb.count("SELECT count(*) FROM \"InboxEvent\""), "nothing written");

    given()
        .header("Authorization", "Bearer test-admin-token")
        .header("X-Admin-User", "Bo Boss")
        .post("/api/admin/conversations/" + id + "/release")
        .then()
        .statusCode(200)
        .body("mode", equalTo("BOT"))
        .body("status", equalTo("ACTIVE"))
        .body("assignee", nullValue())
        .body("modeChangedBy", equalTo("Bo Boss"));
    assertEquals("BOT|ACTIVE|-|Bo Boss|t", row());
    long released = AdminDb.count("SELECT count(*) FROM \"InboxEvent\"");
    admin().post("/api/admin/conversations/" + id + "/release").then().statusCode(200);
    assertEquals(released, AdminDb.count("SELECT count(*) FROM \"InboxEvent\""));
  }

  @Test
  void unknownOrDeletedConversationsAre404AndNothingChanges() {
    admin().post("/api/admin/conversations/999/takeover").then().statusCode(404);
    admin()
        .post("/api/admin/conversations/x/release")
        .then()
        .statusCode(400)
        .body("field", equalTo("id"));
    AdminDb.execute("UPDATE \"Conversation\" SET \"deletedAt\" = now() WHERE id = " + id);
    admin()
        .post("/api/admin/conversations/" + id + "/takeover")
        .then()
        .statusCode(404)
        .body("error", equalTo("Conversation " + id + " not found"));
    admin().post("/api/admin/conversations/" + id + "/read").then().statusCode(404);
    assertEquals("BOT|ACTIVE|-|-|f", row());
    assertEquals(
        "0",
        AdminDb.value("SELECT count(*) FROM \"Conversation\" WHERE \"lastReadAt\" IS NOT NULL"));
  }

  @Test
  void readingResetsTheUnreadCountAndOnlyLaterInboundMessagesCountAgain() {
    AdminDb.execute(
        "INSERT INTO \"Message\" (\"conversationId\", direction, body) VALUES ("
            + id
            + ", 'INBOUND', 'second'), ("
            + id
            + ", 'OUTBOUND', 'reply')");
    admin().get("/api/admin/conversations").then().body("items[0].unreadCount", equalTo(2));
    admin()
        .queryParam("unread", "true")
        .get("/api/admin/conversations")
        .then()
        .body("items.size()", equalTo(1));

    admin()
        .post("/api/admin/conversations/" + id + "/read")
        .then()
        .statusCode(200)
        .body("unreadCount", equalTo(0))
        .body("lastReadAt", notNullValue());
    assertEquals(
        "t",
        AdminDb.value(
            "SELECT \"lastReadAt\" >= (SELECT max(\"createdAt\") FROM \"Message\")"
                + " FROM \"Conversation\" WHERE id = "
                + id));
    admin()
        .queryParam("unread", "true")
        .get("/api/admin/conversations")
        .then()
        .body("items.size()", equalTo(0));
    admin()
        .queryParam("unread", "false")
        .get("/api/admin/conversations")
        .then()
        .body("items.size()", equalTo(1));

    AdminDb.execute(
        "INSERT INTO \"Message\" (\"conversationId\", direction, body, \"createdAt\") VALUES ("
            + id
            + ", 'INBOUND', 'later', (now() AT TIME ZONE 'UTC') + interval '1 second'), ("
            + id
            + ", 'OUTBOUND', 'later reply', (now() AT TIME ZONE 'UTC') + interval '1 second')");
    admin().get("/api/admin/conversations").then().body("items[0].unreadCount", equalTo(1));
  }
}
