package io.inbox.webhook.replay;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.LogLines;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import io.inbox.webhook.whatsapp.WebhookBodies;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = WebhookEventReplayTest.DB))
class WebhookEventReplayTest {

  static final String DB = "inbox_webhook_replay";
  private static final String AUTH = "Bearer test-admin-token";

  @BeforeEach
  void emptyTables() {
    TestDatabase.truncateProductTables(DB);
  }

  @Test
  void failedEventIsReplayedIntoItsMessageAndJobThenLeftUnchanged() {
    long id =
        failedEvent(
            "rawBody",
            "2026-01-01 10:00:00",
            WebhookBodies.text("260777711059", "Ada", "wamid.R1", "Hi"));

    replay(id)
        .statusCode(200)
        .body("id", equalTo((int) id))
        .body("outcome", equalTo("replayed"))
        .body("error", nullValue());
    assertEquals(
        1, count("SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.R1'"));
    assertEquals(1, count("SELECT count(*) FROM \"OutboundJob\""));
    assertEquals(
        1,
        count(
            "SELECT count(*) FROM \"WebhookEvent\" WHERE error IS NULL AND \"processedAt\" > '2026-01-02'"));

    replay(id).statusCode(200).body("outcome", equalTo("unchanged")).body("error", nullValue());
    assertEquals(1, count("SELECT count(*) FROM \"Message\""));
    assertEquals(1, count("SELECT count(*) FROM \"OutboundJob\""));
  }

  @Test
  void eventKeepingABadItemCanBeReplayedTwiceAndItsMessageIsStoredOnce() {
    String body =
        WebhookBodies.text("260777711059", "Ada", "wamid.R2", "Hi")
            .replace("\"messages\":[", "\"messages\":[{\"id\":\"wamid.NOFROM\"},");
    long id = failedEvent("payload", "2026-01-01 10:00:00", body);

    for (int i = 0; i < 2; i++) {
      replay(id)
          .statusCode(200)
          .body("outcome", equalTo("replayed"))
          .body("error", equalTo("entry[0].changes[0].messages[0]: no \"from\""));
    }
    assertEquals(
        1, count("SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.R2'"));
    assertEquals(1, count("SELECT count(*) FROM \"OutboundJob\""));
  }

  @Test
  void eventProcessedWithoutErrorIsLeftUnchanged() {
    WebhookBodies.post(WebhookBodies.text("260777711059", "Ada", "wamid.OK", "Hi")).statusCode(200);
    long id = count("SELECT id FROM \"WebhookEvent\"");
    String processedAt = TestDatabase.value(DB, "SELECT \"processedAt\" FROM \"WebhookEvent\"");

    replay(id).statusCode(200).body("outcome", equalTo("unchanged")).body("error", nullValue());
    assertEquals(
        processedAt, TestDatabase.value(DB, "SELECT \"processedAt\" FROM \"WebhookEvent\""));
    assertEquals(1, count("SELECT count(*) FROM \"OutboundJob\""));
  }

  @Test
  void bulkReplaysTheFailedEventsReceivedInTheRangeAndLogsItsProgress() throws Exception {
    long first = failedEvent("payload", "2026-01-01 10:00:00", text("wamid.B1"));
    long clean = cleanEvent("2026-01-01 10:15:00", text("wamid.B2"));
    long second = failedEvent("rawBody", "2026-01-01 10:59:59", text("wamid.B3"));
    failedEvent("payload", "2026-01-01 11:00:00", text("wamid.B4"));

    try (LogLines logs = LogLines.capture()) {
      bulk("from=2026-01-01T10:00:00Z&to=2026-01-01T11:00:00Z")
          .statusCode(200)
          .body("events.id", contains((int) first, (int) second))
          .body("events.outcome", everyItem(equalTo("replayed")))
          .body("replayed", equalTo(2))
          .body("unchanged", equalTo(0))
          .body("failed", equalTo(0));
      logs.await("Bulk replay done 2/2 replayed=2 unchanged=0 failed=0", Duration.ofSeconds(10));
    }
    assertEquals(
        "wamid.B1,wamid.B3",
        TestDatabase.value(
            DB,
            "SELECT string_agg(\"providerMessageId\", ',' ORDER BY \"providerMessageId\") FROM \"Message\""));

    bulk("from=2026-01-01T10:00:00Z&to=2026-01-01T11:00:00Z&onlyFailed=false")
        .statusCode(200)
        .body("events.id", contains((int) first, (int) clean, (int) second))
        .body("unchanged", equalTo(3));
  }

  @Test
  void replayNeedsTheAdminTokenAndNamesABadParameter() {
    long id = failedEvent("payload", "2026-01-01 10:00:00", text("wamid.A1"));
    given().post("/api/admin/webhook-events/" + id + "/replay").then().statusCode(401);
    given()
        .header("Authorization", "Bearer wrong")
        .post("/api/admin/webhook-events/" + id + "/replay")
        .then()
        .statusCode(401);
    given()
        .post("/api/admin/webhook-events/replay?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")
        .then()
        .statusCode(401);
    assertEquals(0, count("SELECT count(*) FROM \"Message\""));
    // The same event with the token is replayed: the 401s above are what kept the row out.
    replay(id).statusCode(200);
    assertEquals(1, count("SELECT count(*) FROM \"Message\""));

    replay(424242).statusCode(404).body("error", equalTo("No webhook event 424242"));
    given()
        .header("Authorization", AUTH)
        .header("X-Admin-User", "ops")
        .post("/api/admin/webhook-events/abc/replay")
        .then()
        .statusCode(400)
        .body("field", equalTo("id"));
    bulk("to=2026-01-01T00:00:00Z").statusCode(400).body("field", equalTo("from"));
    bulk("from=2026-01-01T00:00:00Z&to=yesterday").statusCode(400).body("field", equalTo("to"));
    bulk("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
        .statusCode(400)
        .body("field", equalTo("to"));
    bulk("from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&onlyFailed=maybe")
        .statusCode(400)
        .body("field", equalTo("onlyFailed"));
  }

  private static ValidatableResponse replay(long id) {
    return given()
        .header("Authorization", AUTH)
        .header("X-Admin-User", "ops")
        .post("/api/admin/webhook-events/" + id + "/replay")
        .then();
  }

  private static ValidatableResponse bulk(String query) {
    return given()
        .header("Authorization", AUTH)
        .header("X-Admin-User", "ops")
        .post("/api/admin/webhook-events/replay?" + query)
        .then();
  }

  private static String text(String wamid) {
    return WebhookBodies.text("260777711059", "Ada", wamid, "Hi");
  }

  /** As a delivery whose processing failed leaves it: processed, with the failure as its error. */
  private static long failedEvent(String column, String receivedAt, String body) {
    return insertEvent(column, receivedAt, body, "'Processing failed: connection reset'");
  }

  private static long cleanEvent(String receivedAt, String body) {
    return insertEvent("payload", receivedAt, body, "NULL");
  }

  private static long insertEvent(String column, String receivedAt, String body, String error) {
    return Long.parseLong(
        TestDatabase.value(
            DB,
            """
            INSERT INTO "WebhookEvent" ("receivedAt", "requestId", "signatureValid", "%s", "error", "processedAt")
            VALUES ('%s', 'webhook_earlier', TRUE, $body$%s$body$, %s, '2026-01-01 12:00:00')
            RETURNING "id"
            """
                .formatted(column, receivedAt, body, error)));
  }

  private static long count(String sql) {
    return TestDatabase.count(DB, sql);
  }
}
