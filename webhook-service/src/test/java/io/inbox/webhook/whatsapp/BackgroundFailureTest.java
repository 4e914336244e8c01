package io.inbox.webhook.whatsapp;

import static io.inbox.webhook.whatsapp.WebhookBodies.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.testing.LogLines;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A webhook answered 503 at the deadline whose work then fails: nobody is waiting for it any more,
 * so the failure must reach the log with the request id the 503 carried.
 */
@QuarkusTest
@TestProfile(BackgroundFailureTest.ShortDeadline.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = BackgroundFailureTest.DB))
class BackgroundFailureTest {

  static final String DB = "inbox_webhook_deadline";

  /** Its own profile: a one-second deadline, and its own application start. */
  public static class ShortDeadline implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("webhook.processing-deadline", "1s");
    }
  }

  @Test
  void failureAfterThe503IsLoggedWithItsRequestId() throws Exception {
    try (LogLines logs = LogLines.capture();
        Connection locker = TestDatabase.connect(DB);
        Statement st = locker.createStatement()) {
      // The message's transaction waits on this lock until the deadline has passed …
      locker.setAutoCommit(false);
      st.execute("LOCK TABLE \"Contact\" IN ACCESS EXCLUSIVE MODE");
      String requestId =
          post(WebhookBodies.text("260777711059", "Ada", "wamid.LATE", "Hi"))
              .statusCode(503)
              .extract()
              .path("requestId");

      // … and then fails: its statement is cancelled.
      try (ResultSet cancelled =
          st.executeQuery(
              """
              WITH waiting AS MATERIALIZED (
                SELECT pid FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock')
              SELECT count(*) FROM waiting WHERE pg_cancel_backend(pid)
              """)) {
        cancelled.next();
        assertEquals(1, cancelled.getLong(1));
      }
      locker.rollback();

      String line =
          logs.await(
              "Background work failed after the 503 requestId=" + requestId,
              Duration.ofSeconds(30));
      assertTrue(line.contains("canceling statement due to user request"), line);
      assertEquals(
          1,
          TestDatabase.count(
              DB,
              "SELECT count(*) FROM \"WebhookEvent\" WHERE error LIKE 'Processing failed: %canceling statement%'"));
      assertEquals(0, TestDatabase.count(DB, "SELECT count(*) FROM \"Message\""));
    }
  }
}
