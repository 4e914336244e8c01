package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 14: the runner's LISTEN connection (DIRECT_URL) cannot connect when it starts — the port
 * answers nothing — and there is no safety poll to fall back on (10 min). Readiness stays UP and
 * says why it cannot LISTEN; once the relay opens, the runner LISTENs by itself, catches up on the
 * job enqueued meanwhile, and each later webhook's job runs within about a second (NOTIFY).
 */
class ListenLateIT {

  @Test
  void aListenThatCannotConnectAtStartRetriesUntilItDoes() throws Exception {
    int replies = Scale.pick(5, 30);
    try (Stack stack = Stack.migrated("inbox_rel_listenlate")) {
      int relayPort = Stack.freePort(); // nothing listens here yet: connections are refused
      Stack.Service webhook = stack.webhook();
      Stack.Service runner =
          stack.runner(
              "DIRECT_URL",
              "postgresql://"
                  + TestDatabase.user()
                  + "@127.0.0.1:"
                  + relayPort
                  + "/"
                  + stack.database,
              "RUNNER_POLL_INTERVAL",
              "10m",
              "RUNNER_POLL_DELAY",
              "10m");
      stack.awaitReady(webhook, Duration.ofSeconds(30));
      stack.awaitReady(runner, Duration.ofSeconds(30));
      Stack.awaitTrue(
          () -> readiness(runner).contains("cannot LISTEN"),
          Duration.ofSeconds(10),
          "readiness reporting the failed LISTEN");
      HttpResponse<String> whileDeaf = Stack.get(runner, "/q/health/ready");

      // A webhook while the runner cannot LISTEN: nothing wakes it (no poll for 10 min).
      assertEquals(200, Stack.status(stack.postWebhook(webhook, text(0))));
      Thread.sleep(3_000);
      long doneWhileDeaf =
          stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'");

      long relayOpened;
      long listenMillis;
      long catchUpMillis;
      List<Long> latencies = new ArrayList<>();
      try (LatencyProxy relay =
          new LatencyProxy(TestDatabase.host(), TestDatabase.port(), relayPort)) {
        relayOpened = System.nanoTime();
        Stack.awaitTrue(
            () -> readiness(runner).contains("\"listening\""),
            Duration.ofSeconds(40),
            "LISTEN through the relay");
        listenMillis = (System.nanoTime() - relayOpened) / 1_000_000;
        Stack.awaitTrue(
            () -> stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'") == 1,
            Duration.ofSeconds(10),
            "the job enqueued while deaf, caught up on LISTEN");
        catchUpMillis = (System.nanoTime() - relayOpened) / 1_000_000;

        for (int i = 1; i <= replies; i++) {
          int done = i + 1;
          long posted = System.nanoTime();
          assertEquals(200, Stack.status(stack.postWebhook(webhook, text(i))));
          Stack.awaitTrue(
              () ->
                  stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'") == done,
              Duration.ofSeconds(30),
              "webhook " + i + "'s job DONE (no poll: only NOTIFY wakes the runner)");
          latencies.add((System.nanoTime() - posted) / 1_000_000);
        }
      }

      long p50 = Figures.percentile(latencies, 50);
      long max = Figures.percentile(latencies, 100);
      new Figures("14 LISTEN cannot connect at start")
          .put("readinessWhileDeaf", Stack.status(whileDeaf))
          .put("doneWhileDeaf", doneWhileDeaf)
          .put("relayOpenToListenMs", listenMillis)
          .put("relayOpenToCatchUpDoneMs", catchUpMillis)
          .put("replies", replies)
          .put("webhookToDoneP50Ms", p50)
          .put("webhookToDoneMaxMs", max)
          .report();

      assertEquals(200, Stack.status(whileDeaf), whileDeaf.body());
      assertTrue(
          whileDeaf.body().matches("(?s).*\"wakeUp\"\\s*:\\s*\"cannot LISTEN.*"), whileDeaf.body());
      assertEquals(0, doneWhileDeaf, "a job ran without a wake-up");
      assertTrue(max < 2_000, "webhook to DONE " + latencies);
      assertEquals(
          replies + 1,
          stack.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'"));
    }
  }

  private static String text(int i) {
    return Meta.text("2609773%05d".formatted(i), "wamid.listenlate." + i, "hello");
  }

  private static String readiness(Stack.Service runner) {
    HttpResponse<String> ready = Stack.get(runner, "/q/health/ready");
    return ready == null ? "" : ready.body();
  }
}
