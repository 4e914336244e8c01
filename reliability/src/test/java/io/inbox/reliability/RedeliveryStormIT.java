package io.inbox.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Scenario 1: Meta delivers every message several times, concurrently and interleaved. */
class RedeliveryStormIT {

  @Test
  void everyMessageIsStoredOnceQueuedOnceAndAnsweredOnce() throws Exception {
    int messages = 200;
    int deliveries = 5;
    try (Stack stack = Stack.migrated("inbox_rel_storm")) {
      Stack.Service webhook = stack.webhook();
      // Each contact gets 4 replies at once; Meta's pair limit (PacingIT's subject, not this one)
      // would spread them 6 s apart.
      Stack.Service runner = stack.runner("RUNNER_PAIR_INTERVAL", "0s");
      stack.awaitReady(webhook, Duration.ofSeconds(30));
      stack.awaitReady(runner, Duration.ofSeconds(30));

      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < messages; i++) {
        String waId = "2607" + String.format("%08d", i % 50);
        for (int d = 0; d < deliveries; d++) {
          bodies.add(Meta.text(waId, "wamid.storm." + i, "hello " + i));
        }
      }
      Collections.shuffle(bodies, new Random(7));
      Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
      ExecutorService meta = Executors.newFixedThreadPool(16);
      long started = System.nanoTime();
      for (String body : bodies) {
        meta.submit(
            () -> statuses.merge(Stack.status(stack.postWebhook(webhook, body)), 1, Integer::sum));
      }
      meta.shutdown();
      meta.awaitTermination(5, TimeUnit.MINUTES);
      long stormMillis = (System.nanoTime() - started) / 1_000_000;

      Stack.awaitTrue(
          () ->
              stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'") == messages,
          Duration.ofSeconds(120),
          messages + " jobs DONE");
      Thread.sleep(1_000);
      int calls = stack.meta.findAll(postRequestedFor(urlPathMatching(".*/messages"))).size();
      long inbound = stack.count("SELECT count(*) FROM \"Message\" WHERE direction = 'INBOUND'");
      long jobs = stack.count("SELECT count(*) FROM \"OutboundJob\"");
      long outbound = stack.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'");
      long conversations = stack.count("SELECT count(*) FROM \"Conversation\"");
      new Figures("1 redelivery storm")
          .put("deliveries", bodies.size())
          .put("answers", statuses)
          .put("stormMs", stormMillis)
          .put("inboundRows", inbound)
          .put("jobs", jobs)
          .put("providerCalls", calls)
          .put("outboundRows", outbound)
          .put("duplicates", calls - messages)
          .put("lost", messages - inbound)
          .report();

      assertEquals(Map.of(200, bodies.size()), statuses);
      assertEquals(messages, inbound);
      assertEquals(messages, jobs);
      assertEquals(messages, calls);
      assertEquals(messages, outbound);
      assertEquals(50, conversations);
    }
  }
}
