package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: jobs drain through two runner processes; one is killed with SIGKILL at random points
 * and started again, several times.
 */
class RunnerCrashIT {

  private static final String[] RUNNER_ENV = {
    "RUNNER_LEASE", "4s",
    "RUNNER_RENEW_INTERVAL", "1s",
    "RUNNER_POLL_INTERVAL", "1s",
    "RUNNER_RECONCILE_TIMEOUT", "15s"
  };

  @Test
  void everyJobEndsOnceAndNoRecordedSendIsRepeated() throws Exception {
    int jobs = Scale.pick(300, 1000);
    int kills = Scale.pick(3, 6);
    Random random = new Random(42);
    try (Stack stack = Stack.migrated("inbox_rel_crash")) {
      stack.answerMeta(Stack.sentAnswer().withFixedDelay(25));
      Stack.Service webhook = stack.webhook();
      Stack.Service steady = stack.runner(RUNNER_ENV);
      Stack.Service victim = stack.runner(RUNNER_ENV);
      stack.awaitReady(steady, Duration.ofSeconds(30));
      stack.awaitReady(victim, Duration.ofSeconds(30));

      try (MetaStatusCallbacks meta = new MetaStatusCallbacks(stack, webhook)) {
        Queued.jobs(stack, jobs);
        long started = System.nanoTime();
        for (int k = 0; k < kills; k++) {
          Thread.sleep(500 + random.nextInt(1500));
          victim.kill();
          victim = stack.runner(RUNNER_ENV);
        }
        stack.awaitSettled(jobs, Duration.ofSeconds(180), "every job DONE or FAILED");
        long drainMillis = (System.nanoTime() - started) / 1_000_000;
        Thread.sleep(1_000);

        Map<String, Integer> sends = meta.sendsPerLedgerRow();
        long repeated = sends.values().stream().filter(n -> n > 1).count();
        long done = stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'");
        long rescued = stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE \"leaseEpoch\" > 1");
        long openLedger =
            stack.count(
                "SELECT count(*) FROM \"OutboundMessageLog\" WHERE status NOT IN ('SENT', 'FAILED')");
        long outbound =
            stack.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'");
        new Figures("2 runner killed mid-flight")
            .put("jobs", jobs)
            .put("kills", kills)
            .put("done", done)
            .put("failed", jobs - done)
            .put("rescuedJobs", rescued)
            .put("providerCalls", sends.values().stream().mapToInt(Integer::intValue).sum())
            .put("ledgerRowsSentTwice", repeated)
            .put("openLedgerRows", openLedger)
            .put("outboundRows", outbound)
            .put("drainMs", drainMillis)
            .report();

        assertEquals(0, repeated, "a ledger row was sent twice: " + sends);
        assertEquals(jobs, done);
        assertEquals(0, openLedger);
        assertEquals(jobs, outbound);
        assertEquals(jobs, sends.size());
      }
    }
  }
}
