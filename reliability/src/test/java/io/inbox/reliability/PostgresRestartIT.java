package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: the database restarts while webhooks arrive at a steady rate. Refused webhooks are
 * sent again a second later, as Meta does. Nothing answered 200 may be lost; the services must come
 * back by themselves.
 */
class PostgresRestartIT {

  @Test
  void everyAcknowledgedWebhookIsKeptAndTheServicesRecoverWithoutRestart() throws Exception {
    assumeTrue(PostgresCluster.version() != null, "no local Postgres cluster to restart");
    int seconds = Scale.pick(16, 60);
    int perSecond = 10;
    double outageAt = seconds / 4.0;
    double outageSeconds = 4;
    try (Stack stack = Stack.migrated("inbox_rel_restart")) {
      run(stack, seconds, perSecond, outageAt, outageSeconds);
    } finally {
      PostgresCluster.ensureRunning();
    }
  }

  private static void run(
      Stack stack, int seconds, int perSecond, double outageAt, double outageSeconds)
      throws Exception {
    Stack.Service webhook = stack.webhook();
    Stack.Service runner = stack.runner();
    stack.awaitReady(webhook, Duration.ofSeconds(30));
    stack.awaitReady(runner, Duration.ofSeconds(30));

    // Warm the services up first: a cold JVM's first second is not what the outage costs.
    for (int i = 0; i < 20; i++) {
      stack.postWebhook(webhook, Meta.text("260960000" + (100 + i), "wamid.warmup." + i, "hi"));
    }
    Stack.awaitTrue(
        () -> stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'") == 20,
        Duration.ofSeconds(60),
        "warm-up replies");

    long t0 = System.nanoTime();
    Map<Integer, Integer> answers = new ConcurrentHashMap<>();
    Map<Integer, Double> firstSentAt = new ConcurrentHashMap<>();
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    List<String> readiness = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean sending = new AtomicBoolean(true);
    // A thread per delivery: a refused webhook's retries must not delay the next one's first try.
    ExecutorService pool = Executors.newCachedThreadPool();
    pool.submit(
        () -> {
          String last = "";
          while (sending.get()) {
            String now = String.valueOf(Stack.status(Stack.get(webhook, "/q/health/ready")));
            if (!now.equals(last)) {
              readiness.add(String.format("%.1fs:%s", seconds(t0), now));
              last = now;
            }
            Thread.sleep(250);
          }
          return null;
        });
    int total = seconds * perSecond;
    // From the moment the stop begins until the cluster accepts connections again.
    double[] outage = new double[2];
    boolean restarted = false;
    for (int i = 0; i < total; i++) {
      int n = i;
      firstSentAt.put(n, seconds(t0));
      pool.submit(() -> deliverUntilAcknowledged(stack, webhook, n, answers, acknowledged));
      if (!restarted && seconds(t0) >= outageAt) {
        restarted = true;
        pool.submit(
            () -> {
              outage[0] = seconds(t0);
              PostgresCluster.stop();
              Thread.sleep((long) (outageSeconds * 1000));
              PostgresCluster.start();
              outage[1] = seconds(t0);
              return null;
            });
      }
      Thread.sleep(1000 / perSecond);
    }
    Stack.awaitTrue(
        () -> acknowledged.size() == total, Duration.ofSeconds(120), "every webhook acknowledged");
    Stack.awaitTrue(
        () ->
            stack.count(
                    "SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE' AND \"inboundProviderMessageId\" LIKE 'wamid.restart.%'")
                == total,
        Duration.ofSeconds(120),
        "every reply sent");
    sending.set(false);
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.SECONDS);

    long inbound =
        stack.count(
            "SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" LIKE 'wamid.restart.%'");
    List<LatencyChart.Point> points = latencies(stack, firstSentAt, t0);
    double worst = points.stream().mapToDouble(LatencyChart.Point::latencyMillis).max().orElse(0);
    new Figures("3 Postgres restart under load")
        .put("webhooks", total)
        .put("answers", answers)
        .put("acknowledgedAndStored", inbound)
        .put("lost", total - inbound)
        .put("outage", String.format("%.1f-%.1fs", outage[0], outage[1]))
        .put("readiness", readiness)
        .put("worstReplyMs", Math.round(worst))
        .put("servicesRestarted", webhook.process().isAlive() && runner.process().isAlive() ? 0 : 1)
        .report();
    LatencyChart.write(
        Scale.full()
            ? Path.of("../docs/images/reliability-restart-latency.png")
            : Path.of("target/reliability/restart-latency.png"),
        "Reply latency while Postgres restarts (" + total + " webhooks, " + perSecond + "/s)",
        points,
        outage[0],
        outage[1]);

    assertEquals(total, inbound, "an acknowledged webhook was lost");
    assertTrue(
        answers.keySet().stream().allMatch(code -> code == 200 || code >= 500),
        "only 200 or 5xx (Meta retries 5xx): " + answers);
    assertTrue(
        readiness.stream().anyMatch(r -> r.endsWith(":503")),
        "readiness never went DOWN: " + readiness);
    assertTrue(
        readiness.get(readiness.size() - 1).endsWith(":200"),
        "readiness did not come back: " + readiness);
    assertTrue(webhook.process().isAlive() && runner.process().isAlive());
    assertEquals(total, points.size());
  }

  private static Void deliverUntilAcknowledged(
      Stack stack, Stack.Service webhook, int n, Map<Integer, Integer> answers, Set<Integer> acked)
      throws InterruptedException {
    String body = Meta.text(String.format("26095%07d", n), "wamid.restart." + n, "hello " + n);
    while (true) {
      int status = Stack.status(stack.postWebhook(webhook, body));
      answers.merge(status, 1, Integer::sum);
      if (status == 200) {
        acked.add(n);
        return null;
      }
      Thread.sleep(1000);
    }
  }

  /** Webhook first sent → reply's Message row written, per message; both clocks are this host's. */
  private static List<LatencyChart.Point> latencies(
      Stack stack, Map<Integer, Double> firstSentAt, long t0) throws Exception {
    double t0Epoch = System.currentTimeMillis() / 1000.0 - seconds(t0);
    Map<Integer, Double> repliedAt = new HashMap<>();
    try (var c = io.inbox.domain.testing.TestDatabase.connect(stack.database);
        var rs =
            c.createStatement()
                .executeQuery(
                    """
                    SELECT ct."waId", EXTRACT(EPOCH FROM min(m."createdAt"))
                      FROM "Message" m
                      JOIN "Conversation" v ON v.id = m."conversationId"
                      JOIN "Contact" ct ON ct.id = v."contactId"
                     WHERE m.direction = 'OUTBOUND' AND ct."waId" LIKE '26095%'
                     GROUP BY ct."waId"
                    """)) {
      while (rs.next()) {
        repliedAt.put(Integer.parseInt(rs.getString(1).substring(5)), rs.getDouble(2));
      }
    }
    List<LatencyChart.Point> points = new ArrayList<>();
    firstSentAt.forEach(
        (n, at) -> {
          Double replied = repliedAt.get(n);
          if (replied != null) {
            points.add(new LatencyChart.Point(at, (replied - t0Epoch - at) * 1000));
          }
        });
    return points;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
