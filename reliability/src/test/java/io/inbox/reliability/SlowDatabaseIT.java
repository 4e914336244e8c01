package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7: every packet between webhook-service and Postgres is held back (a TCP proxy). Mild
 * delays must still be answered well within Meta's window; a database too slow for the deadline
 * must get a bounded 503 (Meta delivers again), and the work in flight must still finish, so the
 * redelivery finds each message stored once.
 */
class SlowDatabaseIT {

  private static final long DEADLINE_MILLIS = 2_000;

  @Test
  void slowIsAnsweredInTimeTooSlowIsABounded503AndNothingIsHalfWritten() throws Exception {
    try (Stack stack = Stack.migrated("inbox_rel_slowdb");
        LatencyProxy proxy = new LatencyProxy(TestDatabase.host(), TestDatabase.port())) {
      Stack.Service webhook =
          stack.webhook(
              "DATABASE_URL",
              "postgresql://"
                  + TestDatabase.user()
                  + "@127.0.0.1:"
                  + proxy.port()
                  + "/"
                  + stack.database,
              "WEBHOOK_PROCESSING_DEADLINE",
              DEADLINE_MILLIS + "ms");
      stack.awaitReady(webhook, Duration.ofSeconds(30));
      for (int i = 0; i < 10; i++) { // warm-up
        stack.postWebhook(webhook, Meta.text("260977300000", "wamid.slow.warm." + i, "hi"));
      }

      Map<String, String> latencyByDelay = new LinkedHashMap<>();
      int n = 0;
      for (long delay : new long[] {0, 5, 20, 50}) {
        proxy.delay(delay);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 10; i++, n++) {
          long started = System.nanoTime();
          int status =
              Stack.status(
                  stack.postWebhook(
                      webhook,
                      Meta.text("2609773" + String.format("%05d", n), "wamid.slow." + n, "hi")));
          millis.add((System.nanoTime() - started) / 1_000_000);
          assertEquals(200, status, "at " + delay + " ms per packet");
        }
        millis.sort(Long::compare);
        latencyByDelay.put(delay + "ms", "p50=" + millis.get(5) + "ms,max=" + millis.get(9) + "ms");
      }

      List<String> tooSlow = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        tooSlow.add(Meta.text("2609774" + String.format("%05d", i), "wamid.tooslow." + i, "hi"));
      }
      proxy.delay(1_000);
      ExecutorService meta = Executors.newFixedThreadPool(5);
      List<Future<long[]>> answers = new ArrayList<>();
      for (String body : tooSlow) {
        answers.add(
            meta.submit(
                () -> {
                  long started = System.nanoTime();
                  int status = Stack.status(stack.postWebhook(webhook, body));
                  return new long[] {status, (System.nanoTime() - started) / 1_000_000};
                }));
      }
      long worstAnswer = 0;
      List<Long> tooSlowStatuses = new ArrayList<>();
      for (Future<long[]> answer : answers) {
        long[] a = answer.get();
        tooSlowStatuses.add(a[0]);
        worstAnswer = Math.max(worstAnswer, a[1]);
      }
      meta.shutdown();

      proxy.delay(0);
      long settleStarted = System.nanoTime();
      Stack.awaitTrue(
          () ->
              stack.count("SELECT count(*) FROM \"WebhookEvent\" WHERE \"processedAt\" IS NULL")
                  == 0,
          Duration.ofSeconds(120),
          "the work behind the 503s finished");
      long settleMillis = (System.nanoTime() - settleStarted) / 1_000_000;
      List<Integer> redelivered = new ArrayList<>();
      for (String body : tooSlow) {
        redelivered.add(Stack.status(stack.postWebhook(webhook, body)));
      }
      long storedOnce =
          stack.count(
              "SELECT count(*) FROM (SELECT \"providerMessageId\" FROM \"Message\" WHERE \"providerMessageId\" LIKE 'wamid.tooslow.%'"
                  + " GROUP BY 1 HAVING count(*) = 1) t");
      long jobs =
          stack.count(
              "SELECT count(*) FROM \"OutboundJob\" WHERE \"inboundProviderMessageId\" LIKE 'wamid.tooslow.%'");

      new Figures("7 slow database")
          .put("latencyPerPacketDelay", latencyByDelay)
          .put("deadlineMs", DEADLINE_MILLIS)
          .put("at1000msPerPacket", tooSlowStatuses)
          .put("worstAnswerMs", worstAnswer)
          .put("backgroundWorkFinishedAfterMs", settleMillis)
          .put("redelivered", redelivered)
          .put("storedOnce", storedOnce)
          .put("jobs", jobs)
          .report();

      assertTrue(tooSlowStatuses.stream().allMatch(s -> s == 503), tooSlowStatuses.toString());
      assertTrue(worstAnswer < DEADLINE_MILLIS + 1_500, "503 not bounded: " + worstAnswer + " ms");
      assertEquals(List.of(200, 200, 200, 200, 200), redelivered);
      assertEquals(5, storedOnce);
      assertEquals(5, jobs);
    }
  }
}
