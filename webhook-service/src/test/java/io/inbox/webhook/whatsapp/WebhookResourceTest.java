package io.inbox.webhook.whatsapp;

import static io.inbox.webhook.whatsapp.WebhookBodies.bytes;
import static io.inbox.webhook.whatsapp.WebhookBodies.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Rows.DB))
class WebhookResourceTest {

  @BeforeEach
  void emptyTables() {
    Rows.clean();
  }

  @Test
  void handshakeEchoesTheChallengeOnlyForTheRightToken() {
    given()
        .queryParam("hub.mode", "subscribe")
        .queryParam("hub.verify_token", "test-verify-token")
        .queryParam("hub.challenge", "1158201444")
        .get("/api/webhooks/whatsapp")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/plain"))
        .body(equalTo("1158201444"));
    given()
        .queryParam("hub.mode", "subscribe")
        .queryParam("hub.verify_token", "wrong")
        .queryParam("hub.challenge", "1158201444")
        .get("/api/webhooks/whatsapp")
        .then()
        .statusCode(403);
    given().get("/api/webhooks/whatsapp").then().statusCode(403);
  }

  @Test
  void signedMessageBecomesContactConversationMessageJobAndEvent() {
    post(WebhookBodies.text("260777711059", "Ada", "wamid.A1", "Hello"))
        .statusCode(200)
        .body("ok", equalTo(true))
        .body("requestId", startsWith("webhook_"));

    assertEquals(
        "+260777711059|260777711059|Ada",
        Rows.value("SELECT phone || '|' || \"waId\" || '|' || name FROM \"Contact\""));
    assertEquals("ACTIVE", Rows.value("SELECT status FROM \"Conversation\""));
    assertEquals(
        "INBOUND|Hello|RECEIVED",
        Rows.value(
            "SELECT direction || '|' || body || '|' || status FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.A1'"));
    assertEquals(
        "QUEUED|wamid.A1",
        Rows.value(
            "SELECT j.status || '|' || m.\"providerMessageId\" FROM \"OutboundJob\" j JOIN \"Message\" m ON m.id = j.\"inboundMessageId\""));
    assertEquals(
        1,
        Rows.count(
            "SELECT count(*) FROM \"WebhookEvent\" WHERE \"processedAt\" IS NOT NULL AND error IS NULL AND payload IS NOT NULL"));
  }

  @Test
  void sameDeliveryFiveTimesInARowMakesOneMessageAndOneJob() {
    String body = WebhookBodies.text("260777711059", "Ada", "wamid.DUP", "Hi");
    for (int i = 0; i < 5; i++) {
      post(body).statusCode(200);
    }
    assertEquals(1, Rows.count("SELECT count(*) FROM \"Message\""));
    assertEquals(1, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
    assertEquals(1, Rows.count("SELECT count(*) FROM \"Conversation\""));
    assertEquals(5, Rows.count("SELECT count(*) FROM \"WebhookEvent\""));
  }

  @Test
  void sameDeliveryFiveTimesAtOnceMakesOneMessageOneJobOneConversation() throws Exception {
    String body = WebhookBodies.text("260777700001", "Bo", "wamid.CONC", "Hi");
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        calls.add(() -> post(body).extract().statusCode());
      }
      for (Future<Integer> status : pool.invokeAll(calls)) {
        assertEquals(200, status.get());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, Rows.count("SELECT count(*) FROM \"Message\""));
    assertEquals(1, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
    assertEquals(1, Rows.count("SELECT count(*) FROM \"Conversation\""));
  }

  @Test
  void differentMessagesOfOneNewContactAtOnceShareOneConversation() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String body = WebhookBodies.text("260777700002", "Cy", "wamid.PAR" + i, "m" + i);
        calls.add(() -> post(body).extract().statusCode());
      }
      for (Future<Integer> status : pool.invokeAll(calls)) {
        assertEquals(200, status.get());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, Rows.count("SELECT count(*) FROM \"Conversation\""));
    assertEquals(4, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
  }

  @Test
  void everyEntryAndChangeOfABatchCounts() {
    post(WebhookBodies.batchOfThree("260777700003", "wamid.B1", "wamid.B2", "wamid.B3"))
        .statusCode(200);
    assertEquals(3, Rows.count("SELECT count(*) FROM \"Message\""));
    assertEquals(3, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
  }

  @Test
  void malformedItemsAreListedOnTheEventWhileEveryGoodMessageOfTheBodyIsStored() {
    double missingFrom = Metrics.counter("webhook_items_rejected_total", "reason=\"missing_from\"");
    double notAnArray = Metrics.counter("webhook_items_rejected_total", "reason=\"not_an_array\"");
    String body =
        """
        {"object":"whatsapp_business_account","entry":[
          {"id":"waba","changes":[
            {"field":"messages","value":{"messages":[
              {"from":"260777700010","id":"wamid.G1","timestamp":"1767225600","type":"text","text":{"body":"one"}},
              {"id":"wamid.NOFROM","timestamp":"1767225600","type":"text","text":{"body":"lost"}}]}},
            {"field":"messages","value":{"messages":{"not":"an array"}}}]},
          {"id":"waba","changes":[
            {"field":"messages","value":{"statuses":[{"status":"read"}],"messages":[
              7,
              {"from":"260777700011","id":"wamid.G2","timestamp":"1767225600","type":"text","text":{"body":"two"}},
              {"from":"260777700012","id":"wamid.G3","timestamp":"1767225600","type":"text","text":{"body":"three"}}]}}]}]}
        """;

    post(body).statusCode(200).body("ok", equalTo(true));

    assertEquals(
        "wamid.G1,wamid.G2,wamid.G3",
        Rows.value(
            "SELECT string_agg(\"providerMessageId\", ',' ORDER BY \"providerMessageId\") FROM \"Message\""));
    assertEquals(3, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
    assertEquals(
        "entry[0].changes[0].messages[1]: no \"from\"; entry[0].changes[1].messages: not an array;"
            + " entry[1].changes[0].messages[0]: not an object; entry[1].changes[0].statuses[0]: no \"id\"",
        Rows.value("SELECT error FROM \"WebhookEvent\" WHERE \"processedAt\" IS NOT NULL"));
    assertEquals(
        1.0,
        Metrics.counter("webhook_items_rejected_total", "reason=\"missing_from\"") - missingFrom);
    assertEquals(
        1.0,
        Metrics.counter("webhook_items_rejected_total", "reason=\"not_an_array\"") - notAnArray);
  }

  @Test
  void messageStampedInTheFutureIsStoredAsReceivedNow() {
    long inADay = Instant.now().plus(Duration.ofDays(1)).getEpochSecond();
    post(WebhookBodies.text("260777711059", "Ada", "wamid.FUT", "hi")
            .replace("1767225600", Long.toString(inADay)))
        .statusCode(200);
    assertEquals(
        1,
        Rows.count(
            "SELECT count(*) FROM \"Message\" m JOIN \"Conversation\" c ON c.id = m.\"conversationId\""
                + " WHERE m.\"providerMessageId\" = 'wamid.FUT'"
                + " AND m.\"createdAt\" <= (now() AT TIME ZONE 'UTC')"
                + " AND c.\"lastInboundAt\" <= (now() AT TIME ZONE 'UTC')"));
  }

  @Test
  void nonTextMessageIsStoredWithAReadableBody() {
    post(WebhookBodies.image("260777700004", "wamid.IMG")).statusCode(200);
    assertEquals("[image]", Rows.value("SELECT body FROM \"Message\""));
    assertEquals(1, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
  }

  @Test
  void wrongOrMissingSignatureIs401AndStoresNothing() {
    String body = WebhookBodies.text("260777711059", "Ada", "wamid.BAD", "Hello");
    given()
        .contentType("application/json")
        .header("X-Hub-Signature-256", SignatureVerifier.sign(bytes(body), "not-the-secret"))
        .body(bytes(body))
        .post("/api/webhooks/whatsapp")
        .then()
        .statusCode(401)
        .body("error", equalTo("Invalid signature"));
    given()
        .contentType("application/json")
        .body(bytes(body))
        .post("/api/webhooks/whatsapp")
        .then()
        .statusCode(401);
    // A body changed after signing (one byte) must not pass either.
    given()
        .contentType("application/json")
        .header("X-Hub-Signature-256", SignatureVerifier.sign(bytes(body), WebhookBodies.SECRET))
        .body(bytes(body.replace("Hello", "Hellp")))
        .post("/api/webhooks/whatsapp")
        .then()
        .statusCode(401);
    assertEquals(0, Rows.count("SELECT count(*) FROM \"WebhookEvent\""));
    assertEquals(0, Rows.count("SELECT count(*) FROM \"Message\""));
    assertEquals(0, Rows.count("SELECT count(*) FROM \"Contact\""));
    // The same body rightly signed is stored: the signature, nothing else, kept it out.
    post(body).statusCode(200);
    assertEquals(1, Rows.count("SELECT count(*) FROM \"WebhookEvent\""));
    assertEquals(1, Rows.count("SELECT count(*) FROM \"Message\""));
  }

  @Test
  void malformedSignedBodyIsKeptWithItsErrorAndAnswered200() {
    post("{\"object\":\"whatsapp_business_account\",\"entry\":[{").statusCode(200);
    assertEquals(
        1,
        Rows.count(
            "SELECT count(*) FROM \"WebhookEvent\" WHERE payload IS NULL AND \"rawBody\" LIKE '{\"object\"%' AND error LIKE 'Malformed JSON%'"));
    post("[1,2,3]").statusCode(200);
    assertEquals(
        1,
        Rows.count("SELECT count(*) FROM \"WebhookEvent\" WHERE error LIKE 'no entry[] array%'"));
    assertEquals(0, Rows.count("SELECT count(*) FROM \"Message\""));
  }

  @Test
  void textPostgresRefusesIsReplacedSoTheMessageIsStoredNotRedeliveredForever() {
    // Valid JSON that text and jsonb refuse: NUL and a lone surrogate, escaped and raw.
    post(WebhookBodies.text("260777711059", "Ada\\u0000", "wamid.NUL", "a\\u0000b\\ud800c"))
        .statusCode(200);
    post("{\"object\":\"whatsapp_business_account\",\"entry\":[\u0000").statusCode(200);

    assertEquals(
        "a\uFFFDb\uFFFDc|Ada\uFFFD",
        Rows.value(
            "SELECT m.body || '|' || c.name FROM \"Message\" m JOIN \"Conversation\" v ON v.id = m.\"conversationId\""
                + " JOIN \"Contact\" c ON c.id = v.\"contactId\" WHERE m.\"providerMessageId\" = 'wamid.NUL'"));
    assertEquals(1, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
    assertEquals(
        1,
        Rows.count(
            "SELECT count(*) FROM \"WebhookEvent\" WHERE payload IS NOT NULL AND error IS NULL AND \"processedAt\" IS NOT NULL"));
    assertEquals(
        1,
        Rows.count(
            "SELECT count(*) FROM \"WebhookEvent\" WHERE \"rawBody\" LIKE '%entry\":[' || chr(65533) AND error LIKE 'Malformed JSON%'"));
  }

  @Test
  void timestampBeyondWhatAColumnHoldsIsReplacedByNowAndTheMessageStored() {
    post(WebhookBodies.text("260777711059", "Ada", "wamid.TS", "hi")
            .replace("1767225600", "99999999999999999"))
        .statusCode(200);
    assertEquals(
        1,
        Rows.count(
            "SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.TS' AND \"createdAt\" > now() - interval '1 day'"));
    assertEquals(
        0, Rows.count("SELECT count(*) FROM \"WebhookEvent\" WHERE \"processedAt\" IS NULL"));
  }

  @Test
  void bodyOverTheLimitIs413() {
    String huge = "{\"pad\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
    post(huge).statusCode(413);
    assertEquals(0, Rows.count("SELECT count(*) FROM \"WebhookEvent\""));
  }

  @Test
  void statusesMoveForwardOnlyAndFailedIsTerminal() {
    double applied = Metrics.counter("webhook_statuses_total", "outcome=\"applied\"");
    double outOfOrder = Metrics.counter("webhook_statuses_total", "outcome=\"out_of_order\"");
    double unknown = Metrics.counter("webhook_statuses_total", "outcome=\"unknown_message\"");
    post(WebhookBodies.text("260777711059", "Ada", "wamid.IN", "Hi")).statusCode(200);
    TestDatabase.execute(
        Rows.DB,
        """
        INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId", "status")
        SELECT id, 'OUTBOUND', 'reply', 'wamid.OUT', 'SENT' FROM "Conversation";
        INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId", "status")
        SELECT id, 'OUTBOUND', 'reply2', 'wamid.OUT2', 'SENT' FROM "Conversation";
        """);
    post(WebhookBodies.status("wamid.OUT", "read", null)).statusCode(200);
    post(WebhookBodies.status("wamid.OUT", "delivered", null)).statusCode(200);
    assertEquals(
        "READ",
        Rows.value("SELECT status FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.OUT'"));

    post(WebhookBodies.status("wamid.OUT2", "failed", null)).statusCode(200);
    post(WebhookBodies.status("wamid.OUT2", "delivered", null)).statusCode(200);
    assertEquals(
        "FAILED",
        Rows.value("SELECT status FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.OUT2'"));

    post(WebhookBodies.status("wamid.NOBODY", "delivered", null)).statusCode(200);
    // Out-of-order and unknown-message statuses are stored and processed, not errors.
    assertEquals(
        6,
        Rows.count(
            "SELECT count(*) FROM \"WebhookEvent\" WHERE error IS NULL AND \"processedAt\" IS NOT NULL"));
    // read and failed applied; delivered after read and after failed out of order; NOBODY unknown.
    assertEquals(2.0, Metrics.counter("webhook_statuses_total", "outcome=\"applied\"") - applied);
    assertEquals(
        2.0, Metrics.counter("webhook_statuses_total", "outcome=\"out_of_order\"") - outOfOrder);
    assertEquals(
        1.0, Metrics.counter("webhook_statuses_total", "outcome=\"unknown_message\"") - unknown);
  }

  @Test
  void statusCarryingOurCallbackDataClosesTheUnknownLedgerRow() {
    post(WebhookBodies.text("260777711059", "Ada", "wamid.IN", "Hi")).statusCode(200);
    TestDatabase.execute(
        Rows.DB,
        """
        INSERT INTO "OutboundMessageLog" ("id", "conversationId", "dedupeKey", "status")
        SELECT 77, id, 'k77', 'UNKNOWN' FROM "Conversation";
        """);
    post(WebhookBodies.status("wamid.LOST", "sent", "outbound-log:77")).statusCode(200);
    assertEquals(
        "SENT|wamid.LOST",
        Rows.value(
            "SELECT status || '|' || \"providerMessageId\" FROM \"OutboundMessageLog\" WHERE id = 77"));
  }

  @Test
  void softDeletedConversationIsNeverReused() {
    post(WebhookBodies.text("260777711059", "Ada", "wamid.S1", "first")).statusCode(200);
    TestDatabase.execute(Rows.DB, "UPDATE \"Conversation\" SET \"deletedAt\" = now()");
    post(WebhookBodies.text("260777711059", "Ada", "wamid.S2", "second")).statusCode(200);
    assertEquals(2, Rows.count("SELECT count(*) FROM \"Conversation\""));
    assertEquals(
        1,
        Rows.count(
            "SELECT count(*) FROM \"Message\" m JOIN \"Conversation\" c ON c.id = m.\"conversationId\" WHERE c.\"deletedAt\" IS NULL AND m.\"providerMessageId\" = 'wamid.S2'"));
  }

  @Test
  void enqueueNotifiesTheRunnerWithTheJobIdOnCommit() throws Exception {
    try (Connection listener = TestDatabase.connect(Rows.DB);
        Statement st = listener.createStatement()) {
      st.execute("LISTEN inbox_outbound_job");
      post(WebhookBodies.text("260777711059", "Ada", "wamid.N1", "Hi")).statusCode(200);
      PGNotification[] notes = listener.unwrap(PGConnection.class).getNotifications(10_000);
      assertTrue(notes != null && notes.length == 1, "expected one notification");
      assertEquals(Rows.value("SELECT id FROM \"OutboundJob\""), notes[0].getParameter());

      post(WebhookBodies.text("260777711059", "Ada", "wamid.N1", "Hi")).statusCode(200);
      PGNotification[] again = listener.unwrap(PGConnection.class).getNotifications(500);
      assertTrue(again == null || again.length == 0, "a redelivery must not wake the runner");
    }
  }

  @Test
  void metricsCountReceivedRejectedAndDuplicates() {
    double received = Metrics.counter("webhook_received_total");
    double duplicates = Metrics.counter("webhook_duplicates_total");
    double missing = Metrics.counter("webhook_rejected_total", "reason=\"signature_missing\"");
    double rejected = Metrics.counter("webhook_rejected_total");
    // Buckets, which Prometheus can add over pods: every signed body lands in the +Inf one.
    double timed = Metrics.counter("webhook_processing_seconds_bucket", "le=\"+Inf\"");
    String body = WebhookBodies.text("260777711059", "Ada", "wamid.M1", "Hi");
    post(body).statusCode(200);
    post(body).statusCode(200);
    given()
        .contentType("application/json")
        .body(bytes(body))
        .post("/api/webhooks/whatsapp")
        .then()
        .statusCode(401);
    // Two signed deliveries of one message: both received, the second a duplicate; the unsigned
    // one is rejected (and only as signature_missing), not received.
    assertEquals(2.0, Metrics.counter("webhook_received_total") - received);
    assertEquals(1.0, Metrics.counter("webhook_duplicates_total") - duplicates);
    assertEquals(
        1.0, Metrics.counter("webhook_rejected_total", "reason=\"signature_missing\"") - missing);
    assertEquals(1.0, Metrics.counter("webhook_rejected_total") - rejected);
    assertEquals(2.0, Metrics.counter("webhook_processing_seconds_bucket", "le=\"+Inf\"") - timed);
    assertEquals(0.0, Metrics.counter("webhook_processing_seconds", "quantile="), "no quantiles");
  }
}
