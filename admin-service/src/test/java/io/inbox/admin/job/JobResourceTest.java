package io.inbox.admin.job;

import static io.inbox.admin.AdminDb.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.admin.AdminDb;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class JobResourceTest {

  long conversation;

  @BeforeEach
  void seed() {
    AdminDb.clean();
    conversation = AdminDb.conversation("+260777700001", "Ada", "hello");
    AdminDb.execute(
        """
        INSERT INTO "OutboundJob" ("conversationId", "inboundProviderMessageId", status, attempts, "lastError")
        VALUES (%1$d, 'f1', 'FAILED', 3, 'Failed to send outbound: HTTP 400 code 100: Invalid parameter'),
               (%1$d, 'd1', 'DONE', 1, NULL);
        INSERT INTO "OutboundMessageLog" ("conversationId", "outboundJobId", "dedupeKey", status, error)
        VALUES (%1$d, 1, 'k1', 'FAILED', 'HTTP 400');
        """
            .formatted(conversation));
  }

  @Test
  void failedJobsAreListedWithTheirError() {
    admin()
        .queryParam("status", "failed")
        .get("/api/admin/jobs")
        .then()
        .statusCode(200)
        .body("items.inboundProviderMessageId", contains("f1"))
        .body("items[0].attempts", equalTo(3))
        .body(
            "items[0].lastError",
            equalTo("Failed to send outbound: HTTP 400 code 100: Invalid parameter"));
    admin()
        .queryParam("status", "LOST")
        .get("/api/admin/jobs")
        .then()
        .statusCode(400)
        .body("field", equalTo("status"));
  }

  @Test
  void retryRequeuesAFailedJobReopensItsLedgerRowAndWakesTheRunner() throws Exception {
    try (Connection listener = TestDatabase.connect(AdminDb.DB);
        Statement st = listener.createStatement()) {
      st.execute("LISTEN inbox_outbound_job");
      admin()
          .post("/api/admin/jobs/1/retry")
          .then()
          .statusCode(200)
          .body("status", equalTo("QUEUED"))
          .body("attempts", equalTo(0));
      PGNotification[] notes = listener.unwrap(PGConnection.class).getNotifications(10_000);
      assertTrue(notes != null && notes.length == 1 && notes[0].getParameter().equals("1"));
    }
    assertEquals("PENDING", AdminDb.value("SELECT status FROM \"OutboundMessageLog\""));
    admin()
        .post("/api/admin/jobs/1/retry")
        .then()
        .statusCode(409)
        .body("error", equalTo("Job 1 is QUEUED; only FAILED jobs can be retried"));
  }

  @Test
  void retryingAFailedAgentReplyShowsItsMessageWaitingAgain() {
    AdminDb.execute(
        """
        INSERT INTO "Message" ("conversationId", direction, body, status, error, author, "clientMessageId")
        VALUES (%1$d, 'OUTBOUND', 'We open at 9', 'FAILED', 'HTTP 400 code 131026', 'Ada Agent', 'c-1');
        INSERT INTO "OutboundJob" ("conversationId", "inboundProviderMessageId", kind, "outboundMessageId", status, attempts)
        SELECT %1$d, 'agent:c-1', 'AGENT_REPLY', id, 'FAILED', 3 FROM "Message" WHERE "clientMessageId" = 'c-1';
        """
            .formatted(conversation));
    String job = AdminDb.value("SELECT id FROM \"OutboundJob\" WHERE kind = 'AGENT_REPLY'");

    admin().post("/api/admin/jobs/" + job + "/retry").then().statusCode(200);

    assertEquals(
        "PENDING|",
        AdminDb.value(
            "SELECT concat_ws('|', status, coalesce(error, '')) FROM \"Message\""
                + " WHERE \"clientMessageId\" = 'c-1'"));
  }

  @Test
  void retryingADoneJobIs409AndAMissingOne404() {
    admin()
        .post("/api/admin/jobs/2/retry")
        .then()
        .statusCode(409)
        .body("error", equalTo("Job 2 is DONE; only FAILED jobs can be retried"));
    assertEquals("DONE", AdminDb.value("SELECT status FROM \"OutboundJob\" WHERE id = 2"));
    admin().post("/api/admin/jobs/99/retry").then().statusCode(404);
    admin().post("/api/admin/jobs/x/retry").then().statusCode(400).body("field", equalTo("id"));
  }
}
