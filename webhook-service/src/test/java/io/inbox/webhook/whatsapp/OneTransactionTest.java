package io.inbox.webhook.whatsapp;

import static io.inbox.webhook.whatsapp.WebhookBodies.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A delivery is stored and processed in one transaction, processing inside a savepoint: nothing of
 * it is visible before its one commit, and a processing failure keeps the event with its error and
 * nothing of what processing wrote.
 */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Rows.DB))
class OneTransactionTest {

  /** A message with this text makes Postgres refuse its insert (the trigger below). */
  private static final String REFUSED = "refuse me";

  @BeforeEach
  void emptyTables() {
    Rows.clean();
  }

  @AfterEach
  void noRefusingTrigger() {
    TestDatabase.execute(
        Rows.DB,
        """
        DROP TRIGGER IF EXISTS "test_refuse_message" ON "Message";
        DROP FUNCTION IF EXISTS test_refuse_message();
        """);
  }

  @Test
  void theEventIsCommittedByTheTransactionThatProcessesItsMessage() throws Exception {
    try (Connection locker = TestDatabase.connect(Rows.DB);
        Statement st = locker.createStatement()) {
      // Processing waits on this lock at its first message, the event already inserted …
      locker.setAutoCommit(false);
      st.execute("LOCK TABLE \"Contact\" IN ACCESS EXCLUSIVE MODE");
      CompletableFuture<Integer> answer =
          CompletableFuture.supplyAsync(
              () ->
                  post(WebhookBodies.text("260777711059", "Ada", "wamid.ONE", "Hi"))
                      .extract()
                      .statusCode());
      // … its transaction has written already (the event), and not committed: the event is not
      // visible yet, it commits with the message, not before it.
      assertNotNull(awaitWaitingTransaction());
      assertEquals(0, Rows.count("SELECT count(*) FROM \"WebhookEvent\""));
      locker.rollback();
      assertEquals(200, answer.get(30, TimeUnit.SECONDS));

      // The event's processed mark and every row processing wrote: one savepoint of that
      // transaction, one xmin (the event committed apart from its message would give two).
      assertEquals(
          1,
          Rows.count(
              "SELECT count(*) FROM \"WebhookEvent\" WHERE \"processedAt\" IS NOT NULL AND error IS NULL"));
      assertEquals(
          1,
          Rows.count(
              """
              SELECT count(DISTINCT x) FROM (
                SELECT xmin::text AS x FROM "WebhookEvent" UNION ALL SELECT xmin::text FROM "Contact"
                UNION ALL SELECT xmin::text FROM "Conversation" UNION ALL SELECT xmin::text FROM "Message"
                UNION ALL SELECT xmin::text FROM "OutboundJob") t
              """));
      assertEquals(1, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
    }
  }

  @Test
  void aProcessingFailureKeepsTheEventWithItsErrorAndNothingProcessingWrote() throws Exception {
    refuseMessages();
    String body =
        WebhookBodies.messages(
            "260777700020",
            "Eve",
            message("260777700020", "wamid.OK1", "fine"),
            message("260777700020", "wamid.BAD1", REFUSED));
    try (Connection listener = TestDatabase.connect(Rows.DB);
        Statement st = listener.createStatement()) {
      st.execute("LISTEN inbox_outbound_job");

      // What a database failure after the event was stored answered before: 500, Meta redelivers.
      post(body)
          .statusCode(500)
          .body("error", equalTo("Internal server error"))
          .body("requestId", nullValue());

      assertEquals(
          1,
          Rows.count(
              "SELECT count(*) FROM \"WebhookEvent\" WHERE payload IS NOT NULL AND \"processedAt\" IS NOT NULL"
                  + " AND error LIKE 'Processing failed: %refused by the test%'"));
      // The first message was ingested before the second failed: rolled back with it, wake-up too.
      assertEquals(0, Rows.count("SELECT count(*) FROM \"Contact\""));
      assertEquals(0, Rows.count("SELECT count(*) FROM \"Conversation\""));
      assertEquals(0, Rows.count("SELECT count(*) FROM \"Message\""));
      assertEquals(0, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
      PGNotification[] notes = listener.unwrap(PGConnection.class).getNotifications(500);
      assertTrue(notes == null || notes.length == 0, "a rolled-back job must not wake the runner");
    }

    // Meta's redelivery, once the cause is gone, stores both messages.
    noRefusingTrigger();
    post(body).statusCode(200).body("requestId", startsWith("webhook_"));
    assertEquals(
        "wamid.BAD1,wamid.OK1",
        Rows.value(
            "SELECT string_agg(\"providerMessageId\", ',' ORDER BY \"providerMessageId\") FROM \"Message\""));
    assertEquals(2, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
    assertEquals(1, Rows.count("SELECT count(*) FROM \"WebhookEvent\" WHERE error IS NOT NULL"));
  }

  @Test
  void aReplayThatFailsRecordsItsErrorAndWritesNothing() {
    String id =
        Rows.value(
            """
            INSERT INTO "WebhookEvent" ("receivedAt", "requestId", "signatureValid", "payload", "error", "processedAt")
            VALUES ('2026-01-01 10:00:00', 'webhook_earlier', TRUE, $body$%s$body$::jsonb,
                    'Processing failed: connection reset', '2026-01-01 10:00:01')
            RETURNING "id"
            """
                .formatted(WebhookBodies.text("260777711059", "Ada", "wamid.R9", REFUSED)));
    assertNotNull(id);
    refuseMessages();

    given()
        .header("Authorization", "Bearer test-admin-token")
        .header("X-Admin-User", "ops")
        .post("/api/admin/webhook-events/" + id + "/replay")
        .then()
        .statusCode(200)
        .body("outcome", equalTo("failed"))
        .body("error", startsWith("Processing failed: "));

    assertEquals(
        1,
        Rows.count(
            "SELECT count(*) FROM \"WebhookEvent\" WHERE error LIKE 'Processing failed: %refused by the test%'"
                + " AND \"processedAt\" > '2026-01-02'"));
    assertEquals(0, Rows.count("SELECT count(*) FROM \"Contact\""));
    assertEquals(0, Rows.count("SELECT count(*) FROM \"Message\""));
  }

  /** Postgres itself refuses the insert: a real failure in the middle of processing. */
  private static void refuseMessages() {
    TestDatabase.execute(
        Rows.DB,
        """
        CREATE FUNCTION test_refuse_message() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW."body" = '%s' THEN
            RAISE EXCEPTION 'refused by the test';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER "test_refuse_message" BEFORE INSERT ON "Message"
          FOR EACH ROW EXECUTE FUNCTION test_refuse_message();
        """
            .formatted(REFUSED));
  }

  private static String message(String from, String wamid, String text) {
    return """
        {"from":"%s","id":"%s","timestamp":"1767225600","type":"text","text":{"body":"%s"}}
        """
        .formatted(from, wamid, text);
  }

  /**
   * The id of the transaction waiting on the test's lock, once there is one (null while it has
   * written nothing); asked on connections of its own, as pg_stat_activity stays the same for the
   * whole of a transaction that reads it.
   */
  private static String awaitWaitingTransaction() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    do {
      String waiting =
          Rows.value(
              """
              SELECT COALESCE(backend_xid::text, 'none') FROM pg_stat_activity
               WHERE datname = current_database() AND wait_event_type = 'Lock'
              """);
      if (waiting != null) {
        return waiting.equals("none") ? null : waiting;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no webhook transaction waited on the lock");
  }

  /**
   * Each delivery holds its customers' rows until its commit: deliveries naming the same two
   * customers in opposite order take them in one order, so none deadlocks (Postgres would abort one
   * and Meta be answered 500).
   */
  @Test
  void deliveriesNamingTheSameCustomersInOppositeOrderAreAllStored() throws Exception {
    ExecutorService meta = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String ada = "260777720001";
        String ben = "260777720002";
        String body =
            i % 2 == 0
                ? WebhookBodies.twoCustomers(ada, "wamid.X" + i, ben, "wamid.Y" + i)
                : WebhookBodies.twoCustomers(ben, "wamid.Y" + i, ada, "wamid.X" + i);
        calls.add(() -> post(body).extract().statusCode());
      }
      for (Future<Integer> status : meta.invokeAll(calls)) {
        assertEquals(200, status.get());
      }
    } finally {
      meta.shutdown();
    }
    assertEquals(48, TestDatabase.count(Rows.DB, "SELECT count(*) FROM \"Message\""));
  }
}
