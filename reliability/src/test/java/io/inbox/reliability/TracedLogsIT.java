package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What an operator's log pipeline gets from the packaged services: one JSON object per line, the
 * runbook's text in "message", and the fields that tie one reply together across services. The
 * trace id the webhook stored on the job is the one on the webhook's and the runner's lines, with
 * tracing's export left off (no OTLP endpoint, nothing sampled, nothing sent).
 */
class TracedLogsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void oneReplysLinesInBothServicesCarryItsTraceIdAndTheirOwnFields() throws Exception {
    try (Stack stack = Stack.migrated("inbox_rel_tracedlogs")) {
      Stack.Service webhook = stack.webhook();
      Stack.Service runner = stack.runner();
      stack.awaitReady(webhook, Duration.ofSeconds(60));
      stack.awaitReady(runner, Duration.ofSeconds(60));

      String body = Meta.text("260777711059", "wamid.traced.in", "What are your opening hours?");
      assertEquals(200, Stack.status(stack.postWebhook(webhook, body)));
      stack.awaitSettled(1, Duration.ofSeconds(30), "the reply sent");

      String traceparent = stack.value("SELECT \"traceparent\" FROM \"OutboundJob\"");
      assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"), traceparent);
      String traceId = traceparent.substring(3, 35);
      String jobId = stack.value("SELECT id FROM \"OutboundJob\"");
      String conversationId = stack.value("SELECT \"conversationId\" FROM \"OutboundJob\"");

      JsonNode enqueued = awaitLine(stack.logOf(webhook), "✅ [WEBHOOK] Job enqueued");
      assertEquals(traceId, enqueued.path("mdc").path("traceId").asText());
      assertEquals(jobId, enqueued.path("mdc").path("jobId").asText());
      assertTrue(enqueued.path("mdc").path("requestId").asText().startsWith("webhook_"));

      JsonNode sent = awaitLine(stack.logOf(runner), "✅ [JOB-RUNNER] outbound sent");
      assertEquals(traceId, sent.path("mdc").path("traceId").asText());
      assertEquals(jobId, sent.path("mdc").path("jobId").asText());
      assertEquals(conversationId, sent.path("mdc").path("conversationId").asText());
      assertEquals("555", sent.path("mdc").path("channel").asText());
      assertEquals("job_" + jobId + "_1", sent.path("mdc").path("requestId").asText());

      for (Stack.Service service : new Stack.Service[] {webhook, runner}) {
        assertFalse(
            Files.readString(stack.logOf(service)).contains("Failed to export"),
            service.module() + " exported spans with tracing off");
      }
    }
  }

  /** The first JSON line whose message starts with {@code text}; every line must be JSON. */
  private static JsonNode awaitLine(Path log, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    do {
      for (String line : Files.readAllLines(log)) {
        JsonNode json = parse(line, log);
        if (json.path("message").asText().startsWith(text)) {
          return json;
        }
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no line \"" + text + "\" in " + log);
  }

  private static JsonNode parse(String line, Path log) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError(log + " has a line that is not JSON: " + line, e);
    }
  }
}
