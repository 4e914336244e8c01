package io.inbox.admin.task;

import static io.inbox.admin.AdminDb.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.admin.AdminDb;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class TaskResourceTest {

  long ada;
  long bo;

  @BeforeEach
  void seed() {
    AdminDb.clean();
    ada = AdminDb.conversation("+260777711059", "Ada", "help");
    bo = AdminDb.conversation("+260777700002", "Bo", "help too");
    AdminDb.execute(
        """
        INSERT INTO "Task" ("conversationId", title, "createdAt") VALUES
          (%1$d, 'call Ada', '2026-12-01 10:00:00'),
          (%2$d, 'call Bo', '2026-12-01 11:00:00'),
          (%1$d, 'old one', '2026-12-01 09:00:00');
        UPDATE "Task" SET status = 'DONE' WHERE title = 'old one';
        """
            .formatted(ada, bo));
  }

  private long task(String title) {
    return AdminDb.count("SELECT id FROM \"Task\" WHERE title = '" + title + "'");
  }

  private String row(long id) {
    return AdminDb.value(
        "SELECT concat_ws('|', status, coalesce(assignee, '-'), coalesce(\"completedBy\", '-'),"
            + " \"completedAt\" IS NOT NULL) FROM \"Task\" WHERE id = "
            + id);
  }

  @Test
  void listFiltersByStatusAssigneeAndConversationOldestFirst() {
    admin()
        .get("/api/admin/tasks")
        .then()
        .statusCode(200)
        .body("items.title", contains("old one", "call Ada", "call Bo"));
    admin()
        .queryParam("status", "open")
        .get("/api/admin/tasks")
        .then()
        .body("items.title", contains("call Ada", "call Bo"));
    admin()
        .queryParam("conversationId", ada)
        .get("/api/admin/tasks")
        .then()
        .body("items.title", contains("old one", "call Ada"));
    admin()
        .contentType("application/json")
        .body("{\"assignee\":\" Cy Colleague \"}")
        .post("/api/admin/tasks/" + task("call Bo") + "/assign")
        .then()
        .statusCode(200)
        .body("assignee", equalTo("Cy Colleague"));
    admin()
        .queryParam("assignee", "Cy Colleague")
        .get("/api/admin/tasks")
        .then()
        .body("items.title", contains("call Bo"));
    admin()
        .queryParam("limit", 1)
        .queryParam("page", 1)
        .get("/api/admin/tasks")
        .then()
        .body("items.title", contains("call Ada"))
        .body("hasMore", equalTo(true));
  }

  @Test
  void completeIsDoneByTheActorOnce() {
    long id = task("call Ada");
    String first =
        admin()
            .post("/api/admin/tasks/" + id + "/complete")
            .then()
            .statusCode(200)
            .body("status", equalTo("DONE"))
            .body("completedBy", equalTo("Ada Agent"))
            .body("completedAt", notNullValue())
            .extract()
            .asString();
    assertEquals("DONE|-|Ada Agent|t", row(id));
    long events = AdminDb.count("SELECT count(*) FROM \"InboxEvent\"");
    String second =
        given()
            .header("Authorization", "Bearer test-admin-token")
            .header("X-Admin-User", "Bo Boss")
            .post("/api/admin/tasks/" + id + "/complete")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertEquals(first, second);
    assertEquals(events, AdminDb.count("SELECT count(*) FROM \"InboxEvent\""), "nothing written");
  }

  @Test
  void badAssignmentsAndUnknownTasksChangeNothing() {
    long id = task("call Ada");
    for (String body :
        new String[] {
          "{}",
          "{\"assignee\":\"  \"}",
          "{\"assignee\":\"" + "x".repeat(101) + "\"}",
          "{\"assignee\":7}",
          "[]"
        }) {
      admin()
          .contentType("application/json")
          .body(body)
          .post("/api/admin/tasks/" + id + "/assign")
          .then()
          .statusCode(400)
          .body("field", equalTo("assignee"));
    }
    admin()
        .contentType("application/json")
        .body("{\"assignee\":\"Cy\"}")
        .post("/api/admin/tasks/999/assign")
        .then()
        .statusCode(404)
        .body("error", equalTo("Task 999 not found"));
    admin().post("/api/admin/tasks/999/complete").then().statusCode(404);
    admin()
        .queryParam("status", "LATER")
        .get("/api/admin/tasks")
        .then()
        .statusCode(400)
        .body("field", equalTo("status"));
    admin()
        .queryParam("conversationId", "x")
        .get("/api/admin/tasks")
        .then()
        .statusCode(400)
        .body("field", equalTo("conversationId"));
    assertEquals(
        0,
        AdminDb.count(
            "SELECT count(*) FROM \"Task\" WHERE assignee IS NOT NULL OR \"completedBy\" IS NOT NULL"));
  }
}
