package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scenario 9: every answer from the Cloud API is lost (it comes after the read timeout), but Meta
 * posts each reply's "sent" status. The runner parks each job for the reconcile window (10 min, and
 * no safety poll); the status webhook that closes the ledger row must wake the job, which is then
 * recorded DONE within about a second, without a second send.
 */
class StatusWakeUpIT {

  private static final String[] RUNNER_ENV = {
    "RUNNER_POLL_INTERVAL", "off",
    "RUNNER_RECONCILE_TIMEOUT", "10m",
    "QUARKUS_REST_CLIENT_WHATSAPP_READ_TIMEOUT", "500"
  };

  /** Jobs seen waiting out the reconcile window (runAt minutes away), i.e. not about to retry. */
  private static final String PARKED =
      "SELECT id, 0 FROM \"OutboundJob\" WHERE status = 'QUEUED'"
          + " AND \"runAt\" > (now() AT TIME ZONE 'UTC') + interval '5 minutes'";

  @Test
  void aStatusWebhookWakesTheJobItClosesWithinASecond() throws Exception {
    int replies = Scale.pick(20, 200);
    try (Stack stack = Stack.migrated("inbox_rel_wakeup")) {
      // Meta accepts every send, but its answer arrives after the runner's 0.5 s read timeout.
      stack.answerMeta(Stack.sentAnswer().withFixedDelay(1_500));
      Stack.Service webhook = stack.webhook();
      Stack.Service runner = stack.runner(RUNNER_ENV);
      stack.awaitReady(webhook, Duration.ofSeconds(30));
      stack.awaitReady(runner, Duration.ofSeconds(30));

      Set<String> parked = ConcurrentHashMap.newKeySet();
      ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor();
      watch.scheduleWithFixedDelay(
          () -> parked.addAll(stack.pairs(PARKED).keySet()), 0, 100, TimeUnit.MILLISECONDS);
      // Each status comes 3 s after its send: well after the runner parked the job.
      MetaStatusCallbacks.Options statusLate =
          MetaStatusCallbacks.Options.defaults().delayMillis(3_000).concurrent(true).tickMillis(20);
      try (MetaStatusCallbacks meta = new MetaStatusCallbacks(stack, webhook, statusLate)) {
        long started = System.nanoTime();
        // Inbound messages at 10/s, within what the runner sends (8 at a time, 0.5 s each): a
        // woken job finds a free slot instead of queueing behind a backlog of first sends.
        for (int i = 0; i < replies; i++) {
          long due = started + i * 100_000_000L;
          Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
          assertEquals(
              200,
              Stack.status(
                  stack.postWebhook(
                      webhook,
                      Meta.text("2609774%05d".formatted(i), "wamid.wakeup." + i, "hello"))));
        }
        stack.awaitSettled(
            replies,
            Duration.ofSeconds(Scale.pick(60, 180)),
            "every job DONE or FAILED (a job not woken waits 10 min)");
        long drainMillis = (System.nanoTime() - started) / 1_000_000;
        watch.shutdownNow();
        Thread.sleep(500);

        Map<String, Long> doneAt = stack.jobDoneAtByLedgerId();
        Map<String, Long> postedAt = meta.firstPostedAt();
        List<Long> latencies = new ArrayList<>();
        doneAt.forEach(
            (ledgerId, done) -> {
              Long posted = postedAt.get("outbound-log:" + ledgerId);
              if (posted != null) {
                latencies.add(done - posted);
              }
            });
        Map<String, Integer> sends = meta.sendsPerLedgerRow();
        long sentTwice = sends.values().stream().filter(n -> n > 1).count();
        long outbound =
            stack.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'");
        long p50 = Figures.percentile(latencies, 50);
        long p95 = Figures.percentile(latencies, 95);
        long max = Figures.percentile(latencies, 100);
        new Figures("9 status webhook wakes the job")
            .put("replies", replies)
            .put("done", doneAt.size())
            .put("parkedForReconcile", parked.size())
            .put("providerCalls", sends.values().stream().mapToInt(Integer::intValue).sum())
            .put("ledgerRowsSentTwice", sentTwice)
            .put("outboundRows", outbound)
            .put("statusToDoneP50Ms", p50)
            .put("statusToDoneP95Ms", p95)
            .put("statusToDoneMaxMs", max)
            .put("drainMs", drainMillis)
            .report();

        assertEquals(replies, doneAt.size(), "jobs DONE");
        assertEquals(replies, latencies.size(), "a job was DONE before any status was posted");
        assertEquals(replies, parked.size(), "every job waited for Meta's status");
        assertEquals(0, sentTwice, "a reply was sent twice: " + sends);
        assertEquals(replies, outbound);
        assertTrue(
            latencies.stream().allMatch(l -> l >= 0), "DONE before its status: " + latencies);
        assertTrue(p95 < 1_500, "status webhook to DONE p95 " + p95 + " ms");
        assertEquals(0, meta.statusWebhooksNotAccepted());
      } finally {
        watch.shutdownNow();
      }
    }
  }
}
