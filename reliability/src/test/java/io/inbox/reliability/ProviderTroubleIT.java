package io.inbox.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: the Cloud API misbehaves in turn — a 5xx burst, throughput throttling (130429), the
 * per-recipient pair limit (131056), answers that never come (timeouts) — then recovers. No job may
 * be lost, retries stay within policy, and a throttled provider is not hammered.
 */
class ProviderTroubleIT {

  /**
   * Jobs in flight: few against the jobs of the fast run, so the bound on calls means something.
   */
  private static final int IN_FLIGHT = 8;

  private static final String[] RUNNER_ENV = {
    "RUNNER_CONCURRENCY", String.valueOf(IN_FLIGHT),
    "RUNNER_POLL_INTERVAL", "1s",
    "RUNNER_RECONCILE_TIMEOUT", "5s",
    "QUARKUS_REST_CLIENT_WHATSAPP_READ_TIMEOUT", "1000",
    // Retries go to the same customer within seconds: the scenario is how Meta's answers are
    // handled (131056 included), not the pair limit kept before sending.
    "RUNNER_PAIR_INTERVAL", "0s"
  };

  @Test
  void everyJobEndsWithinPolicyAndThrottlingPausesTheRunner() throws Exception {
    int jobs = Scale.pick(80, 400);
    long phaseMillis = Scale.pick(3_000, 6_000);
    try (Stack stack = Stack.migrated("inbox_rel_provider")) {
      Stack.Service webhook = stack.webhook();
      Stack.Service runner = stack.runner(RUNNER_ENV);
      stack.awaitReady(webhook, Duration.ofSeconds(30));
      stack.awaitReady(runner, Duration.ofSeconds(30));
      stack.answerMeta(aResponse().withStatus(503).withBody("upstream unavailable"));

      try (MetaStatusCallbacks meta = new MetaStatusCallbacks(stack, webhook)) {
        Queued.jobs(stack, jobs);
        Thread.sleep(phaseMillis);
        long throttleStart = System.currentTimeMillis();
        stack.answerMeta(metaError(429, 130429, "(#130429) Rate limit hit"));
        Thread.sleep(phaseMillis);
        long throttleEnd = System.currentTimeMillis();
        stack.answerMeta(metaError(400, 131056, "(#131056) Pair rate limit hit"));
        Thread.sleep(phaseMillis);
        stack.answerMeta(
            Stack.sentAnswer().withFixedDelay(2_000)); // accepted, but after the read timeout
        Thread.sleep(phaseMillis);
        long recovered = System.nanoTime();
        stack.answerMeta(Stack.sentAnswer());

        stack.awaitSettled(jobs, Duration.ofSeconds(180), "every job DONE or FAILED");
        long drainMillis = (System.nanoTime() - recovered) / 1_000_000;
        Thread.sleep(1_000);

        long throttledCalls = 0;
        for (ServeEvent event : stack.meta.getAllServeEvents()) {
          long at = event.getRequest().getLoggedDate().getTime();
          if (at >= throttleStart && at < throttleEnd) {
            throttledCalls++;
          }
        }
        Map<String, Integer> sends = meta.sendsPerLedgerRow();
        long done = stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'");
        long failed = jobs - done;
        long failedWithoutNotice =
            stack.count(
                "SELECT count(*) FROM \"OutboundJob\" j WHERE status = 'FAILED' AND NOT EXISTS"
                    + " (SELECT 1 FROM \"Notification\" n WHERE n.\"conversationId\" = j.\"conversationId\")");
        long overAttempts =
            stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE attempts > \"maxAttempts\"");
        long sentTwice =
            stack.count(
                "SELECT count(*) FROM (SELECT \"conversationId\" FROM \"Message\" WHERE direction = 'OUTBOUND'"
                    + " GROUP BY 1 HAVING count(*) > 1) t");
        new Figures("4 provider trouble")
            .put("jobs", jobs)
            .put("phaseMs", phaseMillis)
            .put("done", done)
            .put("failed", failed)
            .put("failedWithoutNotification", failedWithoutNotice)
            .put("providerCalls", sends.values().stream().mapToInt(Integer::intValue).sum())
            .put("callsWhileThrottled", throttledCalls)
            .put("attemptsOverPolicy", overAttempts)
            .put("repliesSentTwice", sentTwice)
            .put("drainAfterRecoveryMs", drainMillis)
            .report();

        assertEquals(0, failedWithoutNotice);
        assertEquals(0, overAttempts);
        assertEquals(0, sentTwice);
        assertTrue(
            throttledCalls <= 4L * IN_FLIGHT * phaseMillis / 2_000,
            "a throttled provider was hammered: " + throttledCalls + " calls");
        assertEquals(
            0,
            stack.count(
                "SELECT count(*) FROM \"OutboundJob\" WHERE status IN ('QUEUED', 'RUNNING')"));
      }
    }
  }

  private static ResponseDefinitionBuilder metaError(int status, int code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"error\":{\"message\":\""
                + message
                + "\",\"type\":\"OAuthException\",\"code\":"
                + code
                + "}}");
  }
}
