package io.inbox.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Scenario 11: an edge in front of Meta answers 502/503/504 with an HTML page or an empty body
 * although Meta accepted the message (and later posts its status). The runner must treat that as a
 * lost answer — wait for the status, never resend — so every reply reaches the customer exactly
 * once; a 5xx carrying Meta's own error JSON (nothing was sent) is retried.
 */
class EdgeErrorsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A job DONE this long after its status was not woken by it: it waited out the window. */
  private static final long LOST_WAKE_UP_MILLIS = 10_000;

  private static final String[] RUNNER_ENV = {
    "RUNNER_POLL_INTERVAL", "1s",
    "RUNNER_RECONCILE_TIMEOUT", "30s",
    "QUARKUS_REST_CLIENT_WHATSAPP_READ_TIMEOUT", "1000"
  };

  /**
   * Recipients ending in an even digit are behind the misbehaving edge; odd ones meet Meta's 5xx.
   */
  private static final String EDGE = ".*[02468]";

  private static final String META = ".*[13579]";

  /** What Meta really accepted: a 200, or an edge's 5xx without Meta's error object. */
  private static final Predicate<ServeEvent> ACCEPTED =
      event ->
          event.getResponse().getStatus() == 200
              || (event.getResponse().getStatus() >= 500
                  && !event.getResponse().getBodyAsString().contains("\"error\""));

  @Test
  void anEdgeErrorIsALostAnswerWhileMetasOwn5xxIsRetried() throws Exception {
    int replies = Scale.pick(40, 400);
    try (Stack stack = Stack.migrated("inbox_rel_edge")) {
      Stack.Service webhook = stack.webhook();
      Stack.Service runner = stack.runner(RUNNER_ENV);
      stack.awaitReady(webhook, Duration.ofSeconds(30));
      stack.awaitReady(runner, Duration.ofSeconds(30));
      stack.meta.resetMappings();
      edge(stack, ".*[05]", 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
      edge(stack, ".*[16]", 503, null, "");
      edge(stack, ".*[27]", 504, "text/html", "");
      edge(stack, ".*[38]", 502, null, "");
      edge(stack, ".*[49]", 503, "text/html", "<html>Service Unavailable</html>");
      metaSaysNotSent(stack, META);

      MetaStatusCallbacks.Options accepted =
          MetaStatusCallbacks.Options.defaults().accepted(ACCEPTED).concurrent(true).tickMillis(50);
      try (MetaStatusCallbacks meta = new MetaStatusCallbacks(stack, webhook, accepted)) {
        long started = System.nanoTime();
        Queued.jobs(stack, replies);
        // Meta's own 5xx until every odd recipient has met it once, then Meta recovers.
        Stack.awaitTrue(
            () -> recipients(stack, META) >= replies / 2,
            Duration.ofSeconds(60),
            "every odd recipient's first send");
        stack.meta.stubFor(
            post(urlPathMatching("/v21.0/.*/messages"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.to", matching(META)))
                .willReturn(Stack.sentAnswer()));
        stack.awaitSettled(
            replies, Duration.ofSeconds(Scale.pick(60, 180)), "every job DONE or FAILED");
        long drainMillis = (System.nanoTime() - started) / 1_000_000;
        Thread.sleep(1_000);

        Map<String, Integer> edgeCalls = MetaStatusCallbacks.sendsPerLedgerRow(stack, to(EDGE));
        Map<String, Integer> metaCalls = MetaStatusCallbacks.sendsPerLedgerRow(stack, to(META));
        Map<String, Integer> reachedCustomer =
            MetaStatusCallbacks.sendsPerLedgerRow(stack, ACCEPTED);
        long edgeSentTwice = edgeCalls.values().stream().filter(n -> n > 1).count();
        long metaRetried = metaCalls.values().stream().filter(n -> n > 1).count();
        long reachedTwice = reachedCustomer.values().stream().filter(n -> n > 1).count();
        // How long each edge-answered reply's job took to be DONE after Meta's status for it.
        Map<String, Long> doneAt = stack.jobDoneAtByLedgerId();
        Map<String, Long> postedAt = meta.firstPostedAt();
        List<Long> statusToDone = new ArrayList<>();
        edgeCalls.keySet().stream()
            .filter(callback -> doneAt.containsKey(callback.substring("outbound-log:".length())))
            .forEach(
                callback ->
                    statusToDone.add(
                        doneAt.get(callback.substring("outbound-log:".length()))
                            - postedAt.getOrDefault(callback, 0L)));
        long slept = statusToDone.stream().filter(ms -> ms > LOST_WAKE_UP_MILLIS).count();
        long done = stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'");
        long outbound =
            stack.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'");
        new Figures("11 edge 5xx is a lost answer")
            .put("replies", replies)
            .put("done", done)
            .put("edgeReplies", edgeCalls.size())
            .put("edgeSendsPerReply", ratio(edgeCalls))
            .put("edgeLedgerIdsWith2Calls", edgeSentTwice)
            .put("meta5xxReplies", metaCalls.size())
            .put("meta5xxSendsPerReply", ratio(metaCalls))
            .put("meta5xxRetried", metaRetried)
            .put("repliesReachingCustomerTwice", reachedTwice)
            .put("outboundRows", outbound)
            .put("edgeStatusToDoneP50Ms", Figures.percentile(statusToDone, 50))
            .put("edgeStatusToDoneMaxMs", Figures.percentile(statusToDone, 100))
            .put("edgeJobsThatSleptThroughTheirStatus", slept)
            .put("drainMs", drainMillis)
            .report();

        assertEquals(replies, done);
        assertEquals(replies / 2, edgeCalls.size());
        assertEquals(0, edgeSentTwice, "an edge 5xx was resent: " + edgeCalls);
        assertEquals(replies / 2, metaRetried, "Meta's own 5xx not retried: " + metaCalls);
        assertEquals(replies, reachedCustomer.size());
        assertEquals(0, reachedTwice, "a reply reached the customer twice: " + reachedCustomer);
        assertEquals(replies, outbound);
        assertTrue(meta.statusWebhooksNotAccepted() == 0);
        assertEquals(
            0,
            slept,
            "a status webhook closed its ledger row but did not wake the job, which waited out"
                + " the reconcile window (lost wake-up between the runner's settle and its"
                + " requeue): "
                + statusToDone);
      }
    }
  }

  private static void edge(Stack stack, String to, int status, String type, String body) {
    ResponseDefinitionBuilder answer = aResponse().withStatus(status).withBody(body);
    if (type != null) {
      answer = answer.withHeader("Content-Type", type);
    }
    stack.meta.stubFor(
        post(urlPathMatching("/v21.0/.*/messages"))
            .atPriority(5)
            .withRequestBody(matchingJsonPath("$.to", matching(to)))
            .willReturn(answer));
  }

  /** Meta's own 5xx (its error object: nothing was sent); a priority-1 stub overrides it. */
  private static void metaSaysNotSent(Stack stack, String to) {
    stack.meta.stubFor(
        post(urlPathMatching("/v21.0/.*/messages"))
            .atPriority(2)
            .withRequestBody(matchingJsonPath("$.to", matching(to)))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Service temporarily unavailable\","
                            + "\"type\":\"OAuthException\",\"code\":2,\"is_transient\":true}}")));
  }

  private static long recipients(Stack stack, String pattern) {
    return stack.meta.getAllServeEvents().stream()
        .filter(to(pattern))
        .map(EdgeErrorsIT::recipient)
        .distinct()
        .count();
  }

  private static Predicate<ServeEvent> to(String pattern) {
    return event -> recipient(event).matches(pattern);
  }

  private static String recipient(ServeEvent event) {
    try {
      return JSON.readTree(event.getRequest().getBodyAsString()).path("to").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String ratio(Map<String, Integer> calls) {
    int total = calls.values().stream().mapToInt(Integer::intValue).sum();
    return String.format("%.2f", calls.isEmpty() ? 0.0 : (double) total / calls.size());
  }
}
