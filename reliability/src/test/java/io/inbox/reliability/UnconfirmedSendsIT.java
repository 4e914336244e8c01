package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 10: every answer from the Cloud API is lost (it comes after the read timeout) and Meta
 * never confirms a send (no status webhook). The runner may resend after the reconcile window, but
 * only up to {@code RUNNER_MAX_UNCONFIRMED_SENDS} (default 2) provider calls per reply; then the
 * job is FAILED, the ledger row stays UNKNOWN, and a SEND_UNCONFIRMED Notification names the ledger
 * id.
 */
class UnconfirmedSendsIT {

  private static final int MAX_UNCONFIRMED_SENDS = 2; // RunnerSettings' default

  private static final String[] RUNNER_ENV = {
    "RUNNER_POLL_INTERVAL", "1s",
    "RUNNER_RECONCILE_TIMEOUT", "2s",
    "QUARKUS_REST_CLIENT_WHATSAPP_READ_TIMEOUT", "500"
  };

  @Test
  void unconfirmedResendsAreBoundedAndAPersonIsTold() throws Exception {
    int replies = Scale.pick(10, 100);
    try (Stack stack = Stack.migrated("inbox_rel_unconfirmed")) {
      stack.answerMeta(Stack.sentAnswer().withFixedDelay(1_500)); // after the 0.5 s read timeout
      Stack.Service runner = stack.runner(RUNNER_ENV);
      stack.awaitReady(runner, Duration.ofSeconds(30));

      // No MetaStatusCallbacks: Meta never confirms anything.
      long enqueuedAt = System.currentTimeMillis();
      Queued.jobs(stack, replies);
      stack.awaitSettled(
          replies, Duration.ofSeconds(Scale.pick(60, 180)), "every job DONE or FAILED");
      Thread.sleep(2_500); // any further send would show in the journal by now

      Map<String, Long> failedAt =
          stack.pairs(
              "SELECT id, CAST(EXTRACT(EPOCH FROM \"updatedAt\") * 1000 AS bigint)"
                  + " FROM \"OutboundJob\" WHERE status = 'FAILED'");
      List<Long> timeToFailed = new ArrayList<>();
      failedAt.values().forEach(at -> timeToFailed.add(at - enqueuedAt));
      Map<String, Integer> sends = MetaStatusCallbacks.sendsPerLedgerRow(stack, event -> true);
      int maxCalls = sends.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      int minCalls = sends.values().stream().mapToInt(Integer::intValue).min().orElse(0);
      long unknown =
          stack.count("SELECT count(*) FROM \"OutboundMessageLog\" WHERE status = 'UNKNOWN'");
      long named =
          stack.count(
              "SELECT count(*) FROM \"OutboundMessageLog\" l WHERE EXISTS (SELECT 1 FROM \"Notification\" n"
                  + " WHERE n.type = 'SEND_UNCONFIRMED' AND n.\"conversationId\" = l.\"conversationId\""
                  + " AND n.title LIKE '%(ledger id ' || l.id || ')%')");
      long notifications =
          stack.count("SELECT count(*) FROM \"Notification\" WHERE type = 'SEND_UNCONFIRMED'");
      long outbound = stack.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'");
      new Figures("10 unconfirmed sends are bounded")
          .put("replies", replies)
          .put("failed", failedAt.size())
          .put("providerCallsPerReplyMin", minCalls)
          .put("providerCallsPerReplyMax", maxCalls)
          .put("ledgerRowsUnknown", unknown)
          .put("sendUnconfirmedNotifications", notifications)
          .put("notificationsNamingTheirLedgerId", named)
          .put("outboundRows", outbound)
          .put("timeToFailedP50Ms", Figures.percentile(timeToFailed, 50))
          .put("timeToFailedMaxMs", Figures.percentile(timeToFailed, 100))
          .report();

      assertEquals(replies, sends.size(), "ledger rows sent");
      assertEquals(MAX_UNCONFIRMED_SENDS, maxCalls, "provider calls for one reply: " + sends);
      assertEquals(replies, failedAt.size(), "jobs FAILED");
      assertEquals(replies, unknown, "ledger rows left UNKNOWN");
      assertEquals(replies, notifications, "one SEND_UNCONFIRMED per reply");
      assertEquals(replies, named, "a SEND_UNCONFIRMED naming each ledger id");
      assertEquals(0, outbound, "no outbound Message row for an unconfirmed reply");
    }
  }
}
