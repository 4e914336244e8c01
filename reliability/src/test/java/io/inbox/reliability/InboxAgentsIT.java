package io.inbox.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scenario 15: agents in the inbox, against the packaged services. A signed webhook's message
 * reaches an agent's live stream (admin-service's Server-Sent Events, fed by the database's
 * InboxEvent trigger and LISTEN), and ten identical agent replies posted at once (a double-clicking
 * agent, a retrying client) are one Message row and one provider call, which the runner records
 * SENT with Meta's id on that same row.
 */
class InboxAgentsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> ADMIN =
      Map.of(
          "Authorization",
          "Bearer " + Stack.ADMIN_TOKEN,
          "X-Admin-User",
          "Ada Agent",
          "Content-Type",
          "application/json");
  private static final int REPLIES = 10;

  @Test
  void aWebhookReachesTheLiveStreamAndTenIdenticalRepliesAreOneSend() throws Exception {
    try (Stack stack = Stack.migrated("inbox_rel_agents")) {
      Stack.Service webhook = stack.webhook();
      // The agent replies moments after the bot did: Meta's pair limit (not this scenario's
      // subject) would hold the reply back 6 s.
      Stack.Service runner = stack.runner("RUNNER_PAIR_INTERVAL", "0s");
      Stack.Service admin = stack.admin();
      for (Stack.Service service : new Stack.Service[] {webhook, runner, admin}) {
        stack.awaitReady(service, Duration.ofSeconds(60));
      }
      Figures figures = new Figures("inbox-agents");

      // (a) A customer's message reaches an agent's open stream.
      long conversation;
      try (EventStream events = EventStream.open(admin)) {
        events.awaitLive();
        long posted = System.nanoTime();
        String body =
            Meta.text(
                "260777711071",
                "wamid.agents.in",
                "Can a person help me?",
                Instant.now().getEpochSecond());
        assertEquals(200, Stack.status(stack.postWebhook(webhook, body)));
        String inbound =
            stack.value(
                "SELECT id FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.agents.in'");
        JsonNode event = events.awaitEvent("Message.insert", inbound);
        long toStreamMillis = (System.nanoTime() - posted) / 1_000_000;
        conversation = event.path("conversationId").asLong();
        assertEquals(
            stack.value("SELECT \"conversationId\" FROM \"Message\" WHERE id = " + inbound),
            String.valueOf(conversation));
        figures.put("webhook_to_stream_ms", toStreamMillis);
      }

      // (b) Ten identical replies at once: one Message, one send, recorded SENT on that row.
      String clientMessageId = UUID.randomUUID().toString();
      String text = "Hi, this is Ada from the team: your order ships today.";
      String reply = "{\"body\":\"" + text + "\",\"clientMessageId\":\"" + clientMessageId + "\"}";
      Set<String> answers = postAtOnce(admin, conversation, reply);
      String message =
          stack.value(
              "SELECT id FROM \"Message\" WHERE \"clientMessageId\" = '" + clientMessageId + "'");
      assertEquals(Set.of("202 " + message), answers);

      try {
        Stack.awaitTrue(
            () ->
                "SENT".equals(stack.value("SELECT status FROM \"Message\" WHERE id = " + message)),
            Duration.ofSeconds(30),
            "the agent's reply SENT");
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage()
                + "; its job: "
                + stack.value(
                    "SELECT status || ' ' || COALESCE(\"lastError\", '') FROM \"OutboundJob\""
                        + " WHERE kind = 'AGENT_REPLY'"),
            e);
      }
      int calls =
          stack
              .meta
              .findAll(
                  postRequestedFor(urlPathMatching(".*/messages"))
                      .withRequestBody(containing(text)))
              .size();
      long rows = stack.count("SELECT count(*) FROM \"Message\" WHERE body = '" + text + "'");
      String providerId =
          stack.value("SELECT \"providerMessageId\" FROM \"Message\" WHERE id = " + message);
      String ledgerId =
          stack.value(
              "SELECT l.id FROM \"OutboundMessageLog\" l JOIN \"OutboundJob\" j"
                  + " ON j.id = l.\"outboundJobId\" WHERE j.kind = 'AGENT_REPLY'");
      assertEquals(1, calls, "provider calls for the agent's reply");
      assertEquals(1, rows, "Message rows holding the agent's reply");
      assertEquals("wamid.out.outbound-log:" + ledgerId, providerId);
      assertEquals(
          "Ada Agent", stack.value("SELECT author FROM \"Message\" WHERE id = " + message));
      assertEquals(
          1, stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE kind = 'AGENT_REPLY'"));
      figures
          .put("replies_posted", REPLIES)
          .put("answers", answers)
          .put("agent_message_rows", rows)
          .put("provider_calls", calls)
          .put("status", "SENT")
          .report();
    }
  }

  /** {@link #REPLIES} copies of one request released together; the set of "status id" answers. */
  private static Set<String> postAtOnce(Stack.Service admin, long conversation, String json)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(REPLIES);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < REPLIES; i++) {
        calls.add(
            pool.submit(
                () -> {
                  start.await();
                  return Stack.send(
                      admin,
                      "POST",
                      "/api/admin/conversations/" + conversation + "/messages",
                      ADMIN,
                      json);
                }));
      }
      start.countDown();
      Set<String> answers = new HashSet<>();
      for (Future<HttpResponse<String>> call : calls) {
        HttpResponse<String> answer = call.get(60, TimeUnit.SECONDS);
        answers.add(answer.statusCode() + " " + JSON.readTree(answer.body()).path("id").asText());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  /** An agent's browser on {@code GET /api/admin/events}: the events' data, and comment lines. */
  private static final class EventStream implements AutoCloseable {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Stream<String> body;

    private EventStream(Stream<String> body) {
      this.body = body;
      Thread reader =
          new Thread(
              () -> {
                try {
                  body.forEach(lines::add);
                } catch (RuntimeException closed) {
                  // the scenario is done with the stream
                }
              },
              "admin-events");
      reader.setDaemon(true);
      reader.start();
    }

    static EventStream open(Stack.Service admin) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + admin.port() + "/api/admin/events"))
              .header("Authorization", "Bearer " + Stack.ADMIN_TOKEN)
              .header("Accept", "text/event-stream")
              .build();
      HttpResponse<Stream<String>> response =
          HttpClient.newHttpClient()
              .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
              .get(30, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode());
      return new EventStream(response.body());
    }

    /** The comment line that says the stream is live. */
    void awaitLive() throws InterruptedException {
      while (!next().matches(":\\s*live")) {
        // the replay, if any
      }
    }

    /** The data of the first {@code type} event about {@code entityId}, within 30 s. */
    JsonNode awaitEvent(String type, String entityId) throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        String line = next();
        if (line.startsWith("data:")) {
          JsonNode data = JSON.readTree(line.substring(5).strip());
          if (type.equals(data.path("type").asText())
              && entityId.equals(data.path("entityId").asText())) {
            return data;
          }
        }
      }
      throw new AssertionError("no " + type + " event for " + entityId + " within 30 s");
    }

    private String next() throws InterruptedException {
      String line = lines.poll(30, TimeUnit.SECONDS);
      assertTrue(line != null, "the admin event stream stayed silent for 30 s");
      return line;
    }

    @Override
    public void close() {
      body.close();
    }
  }
}
