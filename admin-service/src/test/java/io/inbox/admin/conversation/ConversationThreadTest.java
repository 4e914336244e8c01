package io.inbox.admin.conversation;

import static io.inbox.admin.AdminDb.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.admin.AdminDb;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A conversation's thread, newest first, page by page with a cursor. */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class ConversationThreadTest {

  long id;

  @BeforeEach
  void seed() {
    AdminDb.clean();
    id = AdminDb.conversation("+260777711059", "Ada", "m0");
    // m1..m4, two of them in the same millisecond (the id breaks the tie).
    AdminDb.execute(
        """
        UPDATE "Message" SET "createdAt" = '2026-12-01 10:00:00' WHERE "conversationId" = %1$d;
        INSERT INTO "Message" ("conversationId", direction, body, status, author, error, "createdAt", "statusUpdatedAt")
        VALUES (%1$d, 'OUTBOUND', 'm1', 'SENT', 'bot', NULL, '2026-12-01 10:00:01', NULL),
               (%1$d, 'OUTBOUND', 'm2', 'FAILED', 'Ada Agent', 'HTTP 400', '2026-12-01 10:00:02', '2026-12-01 10:00:03'),
               (%1$d, 'INBOUND', 'm3', 'RECEIVED', NULL, NULL, '2026-12-01 10:00:02', NULL),
               (%1$d, 'INBOUND', 'm4', 'RECEIVED', NULL, NULL, '2026-12-01 10:00:05', NULL);
        """
            .formatted(id));
  }

  @Test
  void pagesWalkTheWholeThreadNewestFirstWithoutOverlap() {
    List<String> bodies = new ArrayList<>();
    String before = null;
    int pages = 0;
    do {
      var request = admin().queryParam("limit", 2);
      if (before != null) {
        request.queryParam("before", before);
      }
      var page =
          request
              .get("/api/admin/conversations/" + id + "/messages")
              .then()
              .statusCode(200)
              .body("conversationId", equalTo((int) id))
              .extract();
      bodies.addAll(page.path("messages.body"));
      Object next = page.path("nextBefore");
      before = next == null ? null : next.toString();
      pages++;
    } while (before != null);
    assertEquals(List.of("m4", "m3", "m2", "m1", "m0"), bodies);
    assertEquals(3, pages);
  }

  @Test
  void eachMessageSaysWhoWroteItAndHowItWent() {
    admin()
        .queryParam("limit", 3)
        .get("/api/admin/conversations/" + id + "/messages")
        .then()
        .body("messages.body", contains("m4", "m3", "m2"))
        .body("messages[2].direction", equalTo("OUTBOUND"))
        .body("messages[2].status", equalTo("FAILED"))
        .body("messages[2].author", equalTo("Ada Agent"))
        .body("messages[2].error", equalTo("HTTP 400"))
        .body("messages[2].createdAt", equalTo("2026-12-01T10:00:02Z"))
        .body("messages[2].statusUpdatedAt", equalTo("2026-12-01T10:00:03Z"))
        .body("messages[1].providerMessageId", nullValue());
    admin()
        .get("/api/admin/conversations/" + id + "/messages")
        .then()
        .body("messages.size()", equalTo(5))
        .body("nextBefore", nullValue());
  }

  @Test
  void badLimitsCursorsAndConversationsAreRefused() {
    String path = "/api/admin/conversations/" + id + "/messages";
    admin().queryParam("limit", 0).get(path).then().statusCode(400).body("field", equalTo("limit"));
    admin()
        .queryParam("limit", 101)
        .get(path)
        .then()
        .statusCode(400)
        .body("field", equalTo("limit"));
    admin().queryParam("limit", 100).get(path).then().statusCode(200);
    admin()
        .queryParam("before", "abc")
        .get(path)
        .then()
        .statusCode(400)
        .body("field", equalTo("before"));
    long other = AdminDb.conversation("+260777700002", "Bo", "other");
    String foreign =
        AdminDb.value("SELECT id FROM \"Message\" WHERE \"conversationId\" = " + other);
    admin()
        .queryParam("before", foreign)
        .get(path)
        .then()
        .statusCode(400)
        .body("field", equalTo("before"));
    admin().get("/api/admin/conversations/999/messages").then().statusCode(404);
    AdminDb.execute("UPDATE \"Conversation\" SET \"deletedAt\" = now() WHERE id = " + id);
    admin().get(path).then().statusCode(404);
  }
}
