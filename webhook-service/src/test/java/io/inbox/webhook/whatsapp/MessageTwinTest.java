package io.inbox.webhook.whatsapp;

import static io.inbox.webhook.whatsapp.WebhookBodies.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same message (Meta's id) written by a transaction the ingest statement's snapshot could not
 * see: the statement's insert waits for it and then inserts nothing, and the delivery runs the
 * statement again, which finds the twin's row and enqueues its job: one message, one job.
 */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Rows.DB))
class MessageTwinTest {

  @BeforeEach
  void emptyTables() {
    Rows.clean();
  }

  @Test
  void aTwinCommittedWhileTheInsertWaitsOnItIsFoundAndGetsTheJob() throws Exception {
    try (Connection twin = TestDatabase.connect(Rows.DB);
        Statement st = twin.createStatement()) {
      // Another customer's row, so the delivery's contact upsert does not wait on this one.
      twin.setAutoCommit(false);
      st.execute(
          """
          INSERT INTO "Contact" ("phone") VALUES ('+260777700099');
          INSERT INTO "Conversation" ("contactId") SELECT "id" FROM "Contact";
          INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId")
          SELECT "id", 'INBOUND', 'Hi', 'wamid.TWIN' FROM "Conversation";
          """);
      CompletableFuture<Integer> answer =
          CompletableFuture.supplyAsync(
              () ->
                  post(WebhookBodies.text("260777711059", "Ada", "wamid.TWIN", "Hi"))
                      .extract()
                      .statusCode());
      awaitTheDeliveryWaitingOnALock();
      twin.commit();
      assertEquals(200, answer.get(30, TimeUnit.SECONDS));
    }
    assertEquals(1, Rows.count("SELECT count(*) FROM \"Message\""));
    assertEquals(
        Rows.value("SELECT \"conversationId\" || '/' || \"id\" FROM \"Message\""),
        Rows.value(
            "SELECT \"conversationId\" || '/' || \"inboundMessageId\" FROM \"OutboundJob\""));
    assertEquals(
        1,
        Rows.count(
            "SELECT count(*) FROM \"WebhookEvent\" WHERE \"processedAt\" IS NOT NULL AND error IS NULL"));
  }

  private static void awaitTheDeliveryWaitingOnALock() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Rows.count(
            """
            SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'
            """)
        == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the delivery never waited on the twin's row");
      }
      Thread.sleep(50);
    }
  }
}
