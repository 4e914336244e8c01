package io.inbox.webhook.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * Meta's statuses for a reply whose Message row the runner has not written yet (its answer was
 * lost, or the record is in flight): kept on the ledger row, the waiting job woken at once.
 */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Rows.DB))
class EarlyStatusTest {

  @BeforeEach
  void replyAwaitingMetasStatus() {
    Rows.clean();
    WebhookBodies.post(WebhookBodies.text("260777711059", "Ada", "wamid.IN", "Hi")).statusCode(200);
    // The runner sent the reply, lost the answer and put the job back for the reconcile window.
    TestDatabase.execute(
        Rows.DB,
        """
        UPDATE "OutboundJob" SET "runAt" = (now() AT TIME ZONE 'UTC') + interval '10 minutes';
        INSERT INTO "OutboundMessageLog" ("id", "conversationId", "outboundJobId", "dedupeKey", "status")
        SELECT 77, "conversationId", id, 'k77', 'UNKNOWN' FROM "OutboundJob";
        """);
  }

  @Test
  void aStatusForALostAnswerClosesTheLedgerRowAndWakesItsJobOnCommit() throws Exception {
    try (Connection listener = TestDatabase.connect(Rows.DB);
        Statement st = listener.createStatement()) {
      st.execute("LISTEN inbox_outbound_job");

      WebhookBodies.post(WebhookBodies.status("wamid.OUT", "sent", "outbound-log:77"))
          .statusCode(200);

      PGNotification[] notes = listener.unwrap(PGConnection.class).getNotifications(10_000);
      assertTrue(notes != null && notes.length == 1, "expected one wake-up");
      assertEquals(Rows.value("SELECT id FROM \"OutboundJob\""), notes[0].getParameter());
    }
    assertEquals(
        "SENT|wamid.OUT|SENT",
        Rows.value(
            "SELECT status || '|' || \"providerMessageId\" || '|' || \"deliveryStatus\" FROM \"OutboundMessageLog\""));
    assertEquals(
        1,
        Rows.count(
            "SELECT count(*) FROM \"OutboundJob\" WHERE \"runAt\" <= (now() AT TIME ZONE 'UTC')"));
  }

  @Test
  void theLatestStatusIsKeptUntilTheMessageRowExists() {
    WebhookBodies.post(WebhookBodies.status("wamid.OUT", "sent", "outbound-log:77"))
        .statusCode(200);
    WebhookBodies.post(WebhookBodies.status("wamid.OUT", "read", "outbound-log:77"))
        .statusCode(200);
    WebhookBodies.post(WebhookBodies.status("wamid.OUT", "delivered", "outbound-log:77"))
        .statusCode(200);

    assertEquals("READ", Rows.value("SELECT \"deliveryStatus\" FROM \"OutboundMessageLog\""));
    assertEquals(0, Rows.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'"));
    assertEquals(
        4,
        Rows.count(
            "SELECT count(*) FROM \"WebhookEvent\" WHERE error IS NULL AND \"processedAt\" IS NOT NULL"));
  }

  @Test
  void aFailureMetaReportsForASentReplyMarksItAndAlertsOperatorsOnce() {
    TestDatabase.execute(
        Rows.DB,
        """
        INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId", "status")
        SELECT id, 'OUTBOUND', 'reply', 'wamid.OUT', 'SENT' FROM "Conversation";
        UPDATE "OutboundMessageLog" SET status = 'SENT', "providerMessageId" = 'wamid.OUT';
        """);
    String failed =
        WebhookBodies.status("wamid.OUT", "failed", "outbound-log:77")
            .replace(
                "\"recipient_id\"",
                "\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\"}],\"recipient_id\"");

    WebhookBodies.post(failed).statusCode(200);
    WebhookBodies.post(failed).statusCode(200);

    assertEquals(
        "FAILED|131026 Message undeliverable",
        Rows.value("SELECT status || '|' || error FROM \"Message\" WHERE direction = 'OUTBOUND'"));
    assertEquals("SENT", Rows.value("SELECT status FROM \"OutboundMessageLog\""));
    assertEquals(1, Rows.count("SELECT count(*) FROM \"Notification\" WHERE type = 'JOB_FAILED'"));
  }
}
