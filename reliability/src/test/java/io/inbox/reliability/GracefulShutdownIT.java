package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Scenario: the webhook is stopped (SIGTERM, as Kubernetes does on a rollout or scale-in) while
 * Meta posts. Like the endpoints controller, the load stops sending new deliveries once readiness
 * says DOWN; what was already sent is answered 200 and stored, or not answered at all (Meta then
 * redelivers), never a 5xx and never a 200 for a body that is not in Postgres.
 */
class GracefulShutdownIT {

  @Test
  void sigtermWhileWebhooksArriveAnswersNo5xxAndLosesNoAcceptedWebhook() throws Exception {
    try (Stack stack = Stack.migrated("inbox_rel_shutdown")) {
      Stack.Service webhook = stack.webhook();
      stack.awaitReady(webhook, Duration.ofSeconds(30));

      AtomicBoolean routed = new AtomicBoolean(true);
      AtomicBoolean terminated = new AtomicBoolean();
      AtomicInteger next = new AtomicInteger();
      AtomicInteger okAfterSigterm = new AtomicInteger();
      Map<String, Integer> answers = new ConcurrentHashMap<>();
      ExecutorService meta = Executors.newFixedThreadPool(8);
      for (int t = 0; t < 8; t++) {
        meta.submit(
            () -> {
              while (routed.get()) {
                int i = next.getAndIncrement();
                String wamid = "wamid.shutdown." + i;
                boolean late = terminated.get();
                int status =
                    Stack.status(
                        stack.postWebhook(
                            webhook, Meta.text("2607" + (10_000_000 + i % 40), wamid, "hi " + i)));
                answers.put(wamid, status);
                if (late && status == 200) {
                  okAfterSigterm.incrementAndGet();
                }
              }
            });
      }
      Stack.awaitTrue(() -> answers.size() >= 100, Duration.ofSeconds(60), "100 webhooks posted");

      webhook.process().destroy(); // SIGTERM
      terminated.set(true);
      // The endpoints controller: no new delivery once the pod is not ready.
      Stack.awaitTrue(
          () -> Stack.status(Stack.get(webhook, "/q/health/ready")) != 200,
          Duration.ofSeconds(10),
          "readiness DOWN after SIGTERM");
      routed.set(false);
      meta.shutdown();
      assertTrue(meta.awaitTermination(60, TimeUnit.SECONDS), "posts still running");
      assertTrue(webhook.process().waitFor(60, TimeUnit.SECONDS), "the webhook did not stop");

      List<String> accepted =
          answers.entrySet().stream()
              .filter(e -> e.getValue() == 200)
              .map(Map.Entry::getKey)
              .toList();
      long fivexx = answers.values().stream().filter(s -> s >= 500).count();
      long stored =
          accepted.isEmpty()
              ? 0
              : stack.count(
                  "SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" IN ('"
                      + String.join("', '", accepted)
                      + "')");
      new Figures("graceful shutdown")
          .put("posted", answers.size())
          .put("answered200", accepted.size())
          .put("answered200AfterSigterm", okAfterSigterm.get())
          .put("answered5xx", fivexx)
          .put("notAnswered", answers.values().stream().filter(s -> s == -1).count())
          .put("acceptedButMissing", accepted.size() - stored)
          .report();

      assertEquals(0, fivexx, "5xx answers: " + answers);
      assertEquals(accepted.size(), stored, "every webhook answered 200 is in Postgres");
      assertTrue(okAfterSigterm.get() > 0, "nothing was in flight during the shutdown");
    }
  }
}
