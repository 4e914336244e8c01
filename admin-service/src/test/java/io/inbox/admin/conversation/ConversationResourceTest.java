package io.inbox.admin.conversation;

import static io.inbox.admin.AdminDb.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.admin.AdminDb;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class ConversationResourceTest {

  @BeforeEach
  void clean() {
    AdminDb.clean();
  }

  @Test
  void everyAdminCallNeedsTheBearerToken() {
    given()
        .get("/api/admin/conversations")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer");
    given()
        .header("Authorization", "Bearer wrong")
        .get("/api/admin/conversations")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "test-admin-token")
        .get("/api/admin/conversations")
        .then()
        .statusCode(401);
    admin().get("/api/admin/conversations").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200);
  }

  @Test
  void everyWriteNamesThePersonMakingItOrChangesNothing() {
    long id = AdminDb.conversation("+260777700009", "Ada", "hello");
    for (String actor : new String[] {null, "  ", "x".repeat(101), "Ada\tAdmin"}) {
      var request = given().header("Authorization", "Bearer test-admin-token");
      if (actor != null) {
        request.header("X-Admin-User", actor);
      }
      request
          .post("/api/admin/conversations/" + id + "/delete")
          .then()
          .statusCode(400)
          .body("field", equalTo("X-Admin-User"));
    }
    assertEquals(
        "0",
        AdminDb.value("SELECT count(*) FROM \"Conversation\" WHERE \"deletedAt\" IS NOT NULL"));
    admin().post("/api/admin/conversations/" + id + "/delete").then().statusCode(200);
  }

  @Test
  void inboxListsNewestActivityFirstWithContactPreviewAndUnreadCount() {
    long older = AdminDb.conversation("+260777700001", "Ada", "first");
    long newer = AdminDb.conversation("+260777700002", "Bo", "second");
    AdminDb.execute(
        "UPDATE \"Message\" SET \"createdAt\" = \"createdAt\" - interval '1 hour' WHERE \"conversationId\" = "
            + older);

    admin()
        .get("/api/admin/conversations")
        .then()
        .statusCode(200)
        .body("items.id", contains((int) newer, (int) older))
        .body("items[0].contact.name", equalTo("Bo"))
        .body("items[0].contact.phone", equalTo("+260777700002"))
        .body("items[0].lastMessage.body", equalTo("second"))
        .body("items[0].unreadCount", equalTo(1))
        .body("hasMore", equalTo(false));
  }

  @Test
  void softDeleteHidesIsIdempotentCancelsQueuedJobsAndRestoreBringsItBack() {
    long id = AdminDb.conversation("+260777700001", "Ada", "hello");
    AdminDb.execute(
        "INSERT INTO \"OutboundJob\" (\"conversationId\", \"inboundProviderMessageId\", status) VALUES ("
            + id
            + ", 'q1', 'QUEUED'), ("
            + id
            + ", 'd1', 'DONE')");

    String first =
        admin()
            .post("/api/admin/conversations/" + id + "/delete")
            .then()
            .statusCode(200)
            .body("cancelledJobs", equalTo(1))
            .extract()
            .path("deletedAt");
    String second =
        admin()
            .post("/api/admin/conversations/" + id + "/delete")
            .then()
            .statusCode(200)
            .body("cancelledJobs", equalTo(0))
            .extract()
            .path("deletedAt");
    assertEquals(first, second);
    assertEquals(
        "CANCELLED",
        AdminDb.value(
            "SELECT status FROM \"OutboundJob\" WHERE \"inboundProviderMessageId\" = 'q1'"));
    assertEquals(
        "DONE",
        AdminDb.value(
            "SELECT status FROM \"OutboundJob\" WHERE \"inboundProviderMessageId\" = 'd1'"));

    admin().get("/api/admin/conversations").then().body("items", hasSize(0));
    admin()
        .queryParam("includeDeleted", "true")
        .get("/api/admin/conversations")
        .then()
        .body("items", hasSize(1))
        .body("items[0].deletedAt", notNullValue());
    admin().get("/api/admin/conversations/" + id).then().statusCode(404);
    admin()
        .queryParam("includeDeleted", true)
        .get("/api/admin/conversations/" + id)
        .then()
        .statusCode(200)
        .body("messages[0].body", equalTo("hello"));

    admin().post("/api/admin/conversations/" + id + "/restore").then().statusCode(200);
    admin()
        .get("/api/admin/conversations/" + id)
        .then()
        .statusCode(200)
        .body("conversation.deletedAt", nullValue());
  }

  @Test
  void hardDeleteWithDependentsIs409WithCountsAndDeletesNothing() {
    long id = AdminDb.conversation("+260777700001", "Ada", "hello");
    AdminDb.execute(
        "INSERT INTO \"OutboundJob\" (\"conversationId\", \"inboundProviderMessageId\") VALUES ("
            + id
            + ", 'j1');"
            + "INSERT INTO \"Task\" (\"conversationId\", title) VALUES ("
            + id
            + ", 't');"
            + "INSERT INTO \"Notification\" (\"conversationId\", type, title) VALUES ("
            + id
            + ", 'X', 'n')");

    admin()
        .queryParam("hard", "true")
        .delete("/api/admin/conversations/" + id)
        .then()
        .statusCode(409)
        .body("error", equalTo("Cannot delete conversation due to foreign key constraints"))
        .body("dependents.Message", equalTo(1))
        .body("dependents.OutboundJob", equalTo(1))
        .body("dependents.Task", equalTo(1))
        .body("dependents.Notification", equalTo(1))
        .body("dependents.OutboundMessageLog", equalTo(0));
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"Conversation\""));
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"Message\""));
  }

  @Test
  void hardDeleteOfAConversationNothingDependsOnIs204() {
    long id = AdminDb.conversation("+260777700001", "Ada", "hello");
    AdminDb.execute(
        "DELETE FROM \"Message\"; INSERT INTO \"Notification\" (\"conversationId\", type, title) VALUES ("
            + id
            + ", 'X', 'n')");

    admin()
        .queryParam("hard", "true")
        .delete("/api/admin/conversations/" + id)
        .then()
        .statusCode(204);
    assertEquals(0, AdminDb.count("SELECT count(*) FROM \"Conversation\""));
    // Notification's foreign key is SET NULL: the alert stays, detached.
    assertEquals(
        1, AdminDb.count("SELECT count(*) FROM \"Notification\" WHERE \"conversationId\" IS NULL"));
    admin()
        .queryParam("hard", "true")
        .delete("/api/admin/conversations/" + id)
        .then()
        .statusCode(404);
    admin()
        .delete("/api/admin/conversations/" + id)
        .then()
        .statusCode(400)
        .body("field", equalTo("hard"));
  }

  @Test
  void fkReportCountsWhatDependsOnTheConversation() {
    long id = AdminDb.conversation("+260777700001", "Ada", "hello");
    admin()
        .get("/api/admin/conversations/" + id + "/fk-report")
        .then()
        .statusCode(200)
        .body("exists", equalTo(true))
        .body("status", equalTo("ACTIVE"))
        .body("dependents.Message", equalTo(1))
        .body("constraints.findAll { it.present }.size()", equalTo(6))
        .body("constraints[0].path", equalTo("Message.conversationId -> Conversation.id"));
    admin()
        .get("/api/admin/conversations/999/fk-report")
        .then()
        .statusCode(200)
        .body("exists", equalTo(false));
  }

  @Test
  void badInputIs400NamingTheField() {
    admin().get("/api/admin/conversations/abc").then().statusCode(400).body("field", equalTo("id"));
    admin().get("/api/admin/conversations/-3").then().statusCode(400).body("field", equalTo("id"));
    admin()
        .queryParam("limit", 500)
        .get("/api/admin/conversations")
        .then()
        .statusCode(400)
        .body("field", equalTo("limit"));
    admin()
        .queryParam("limit", "ten")
        .get("/api/admin/conversations")
        .then()
        .statusCode(400)
        .body("field", equalTo("limit"));
    admin()
        .queryParam("status", "OPENISH")
        .get("/api/admin/conversations")
        .then()
        .statusCode(400)
        .body("field", equalTo("status"));
    admin()
        .queryParam("includeDeleted", "maybe")
        .get("/api/admin/conversations")
        .then()
        .statusCode(400)
        .body("field", equalTo("includeDeleted"));
    admin().post("/api/admin/conversations/77/delete").then().statusCode(404);
  }

  @Test
  void aPageWhoseOffsetWouldOverflowIs400NamingThePage() {
    long id = AdminDb.conversation("+260777700009", "Ada", "hello");
    for (String path :
        List.of(
            "/api/admin/conversations",
            "/api/admin/conversations/" + id,
            "/api/admin/jobs",
            "/api/admin/notifications")) {
      admin()
          .queryParam("page", Integer.MAX_VALUE)
          .get(path)
          .then()
          .statusCode(400)
          .body("field", equalTo("page"))
          .body("error", equalTo("page must be at most 42949672 with limit 50, got 2147483647"));
    }
    admin()
        .queryParam("page", 42949672)
        .get("/api/admin/conversations")
        .then()
        .statusCode(200)
        .body("items", hasSize(0));
  }

  @Test
  void pagesAreBoundedAndSayWhetherMoreFollow() {
    for (int i = 0; i < 3; i++) {
      AdminDb.conversation("+26077770000" + i, "C" + i, "m" + i);
    }
    admin()
        .queryParam("limit", 2)
        .get("/api/admin/conversations")
        .then()
        .body("items", hasSize(2))
        .body("hasMore", equalTo(true))
        .body("limit", equalTo(2));
    admin()
        .queryParam("limit", 2)
        .queryParam("page", 1)
        .get("/api/admin/conversations")
        .then()
        .body("items", hasSize(1))
        .body("hasMore", equalTo(false));
    admin()
        .get("/api/admin/schema")
        .then()
        .statusCode(200)
        .body("passed", equalTo(true))
        .body("verdict", equalTo("✅ Schema verification PASSED"));
  }
}
