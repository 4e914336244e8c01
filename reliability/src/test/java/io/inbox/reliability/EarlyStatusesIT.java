package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 12: Meta's statuses race the runner's record of the send. Right after accepting a reply
 * (its answer takes 200–400 ms), Meta posts sent, delivered and read all at once, 150 ms after the
 * send: before, during or after the runner writes the reply's Message row. Every row must end READ,
 * never lower; a reply Meta reports "failed" ends FAILED with one JOB_FAILED Notification and is
 * never overwritten by SENT.
 */
class EarlyStatusesIT {

  private static final String[] RUNNER_ENV = {
    "RUNNER_POLL_INTERVAL", "1s",
    "RUNNER_RECONCILE_TIMEOUT", "10s",
    "QUARKUS_REST_CLIENT_WHATSAPP_READ_TIMEOUT", "2000"
  };

  /** Every fifth reply (by ledger id) is one Meta could not deliver. */
  private static final String FAILED_REPLY = "l.id % 5 = 0";

  @Test
  void everyReplyEndsAtItsLatestStatusHoweverTheStatusesRaceTheRecord() throws Exception {
    int replies = Scale.pick(60, 500);
    try (Stack stack = Stack.migrated("inbox_rel_early")) {
      stack.answerMeta(Stack.sentAnswer().withUniformRandomDelay(200, 400));
      Stack.Service webhook = stack.webhook();
      Stack.Service runner = stack.runner(RUNNER_ENV);
      stack.awaitReady(webhook, Duration.ofSeconds(30));
      stack.awaitReady(runner, Duration.ofSeconds(30));

      MetaStatusCallbacks.Options racing =
          MetaStatusCallbacks.Options.defaults()
              .statuses(
                  callback ->
                      Long.parseLong(callback.substring("outbound-log:".length())) % 5 == 0
                          ? List.of("failed")
                          : List.of("sent", "delivered", "read"))
              .delayMillis(150)
              .concurrent(true)
              .tickMillis(20);
      try (MetaStatusCallbacks meta = new MetaStatusCallbacks(stack, webhook, racing)) {
        long started = System.nanoTime();
        Queued.jobs(stack, replies);
        stack.awaitSettled(
            replies, Duration.ofSeconds(Scale.pick(60, 180)), "every job DONE or FAILED");
        Stack.awaitTrue(
            () -> meta.firstPostedAt().size() == replies,
            Duration.ofSeconds(10),
            "every reply's statuses posted");
        Thread.sleep(1_500); // the last statuses land
        long drainMillis = (System.nanoTime() - started) / 1_000_000;

        Map<String, Long> recordedAt =
            stack.pairs(
                "SELECT l.id, CAST(EXTRACT(EPOCH FROM m.\"createdAt\") * 1000 AS bigint)"
                    + " FROM \"OutboundMessageLog\" l JOIN \"Message\" m"
                    + " ON m.\"providerMessageId\" = l.\"providerMessageId\"");
        Map<String, Long> postedAt = meta.firstPostedAt();
        long statusFirst =
            recordedAt.entrySet().stream()
                .filter(e -> postedAt.getOrDefault("outbound-log:" + e.getKey(), 0L) < e.getValue())
                .count();
        String byStatus =
            "SELECT count(*) FROM \"OutboundMessageLog\" l JOIN \"Message\" m"
                + " ON m.\"providerMessageId\" = l.\"providerMessageId\" AND m.direction = 'OUTBOUND'"
                + " WHERE ";
        long expectedFailed =
            stack.count("SELECT count(*) FROM \"OutboundMessageLog\" l WHERE " + FAILED_REPLY);
        long read = stack.count(byStatus + "NOT " + FAILED_REPLY + " AND m.status = 'READ'");
        long failed = stack.count(byStatus + FAILED_REPLY + " AND m.status = 'FAILED'");
        long notRead = stack.count(byStatus + "NOT " + FAILED_REPLY + " AND m.status <> 'READ'");
        long notFailed = stack.count(byStatus + FAILED_REPLY + " AND m.status <> 'FAILED'");
        long alerts =
            stack.count("SELECT count(*) FROM \"Notification\" WHERE type = 'JOB_FAILED'");
        long done = stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'");
        long outbound =
            stack.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'");
        Map<String, Integer> sends = meta.sendsPerLedgerRow();
        new Figures("12 statuses before the record")
            .put("replies", replies)
            .put("done", done)
            .put("outboundRows", outbound)
            .put("statusPostedBeforeRecord", statusFirst)
            .put("read", read)
            .put("failed", failed + "/" + expectedFailed)
            .put("endedLower", notRead + notFailed)
            .put("jobFailedNotifications", alerts)
            .put("providerCalls", sends.values().stream().mapToInt(Integer::intValue).sum())
            .put("drainMs", drainMillis)
            .report();

        assertEquals(replies, done);
        assertEquals(replies, outbound);
        assertEquals(replies, sends.size());
        assertTrue(sends.values().stream().allMatch(n -> n == 1), "a reply was resent: " + sends);
        assertEquals(0, notRead, "a delivered reply ended below READ");
        assertEquals(0, notFailed, "a failed reply was overwritten");
        assertEquals(replies - expectedFailed, read);
        assertEquals(expectedFailed, failed);
        assertEquals(expectedFailed, alerts, "one JOB_FAILED per failed reply");
        assertEquals(0, meta.statusWebhooksNotAccepted());
      }
    }
  }
}
