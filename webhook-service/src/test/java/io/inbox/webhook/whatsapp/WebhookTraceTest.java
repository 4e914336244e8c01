package io.inbox.webhook.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.logging.LogFields;
import io.inbox.domain.testing.LogLines;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reply's trace starts here: the webhook POST, its enqueue span, whose W3C traceparent goes on
 * the OutboundJob row for the runner to continue, and later the status that confirms the send,
 * placed in that same trace. The request's log lines carry its fields.
 */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Rows.DB))
class WebhookTraceTest {

  /** The phone_number_id of WebhookBodies' deliveries. */
  private static final String NUMBER = "123";

  @Inject InMemorySpanExporter spans;

  @BeforeEach
  void reset() {
    Rows.clean();
    spans.reset();
  }

  @Test
  void theEnqueueWritesItsTraceparentOnTheJobAndTheRequestsLinesCarryItsFields() throws Exception {
    String body = WebhookBodies.text("260777711059", "Ada", "wamid.IN", "Hi");
    Map<String, String> fields;
    String requestId;
    try (LogLines lines = LogLines.capture()) {
      requestId = WebhookBodies.post(body).statusCode(200).extract().path("requestId");
      fields =
          lines.mdcOf("✅ [WEBHOOK] Job enqueued requestId=" + requestId, Duration.ofSeconds(5));
    }
    String traceparent = Rows.value("SELECT \"traceparent\" FROM \"OutboundJob\"");
    assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), traceparent);
    String traceId = traceparent.substring(3, 35);

    SpanData enqueue = awaitSpan(s -> s.getName().equals("enqueue"));
    assertEquals(traceId, enqueue.getTraceId());
    assertEquals(traceparent.substring(36, 52), enqueue.getSpanId());
    SpanData post = awaitSpan(s -> s.getSpanId().equals(enqueue.getParentSpanId()));
    assertTrue(post.getName().startsWith("POST"), post.getName());

    assertEquals(requestId, fields.get(LogFields.REQUEST_ID));
    assertEquals(Rows.value("SELECT id FROM \"OutboundJob\""), fields.get(LogFields.JOB_ID));
    assertEquals(
        Rows.value("SELECT \"conversationId\" FROM \"OutboundJob\""),
        fields.get(LogFields.CONVERSATION_ID));
    assertEquals(NUMBER, fields.get(LogFields.CHANNEL));
    assertEquals(traceId, fields.get(LogFields.TRACE_ID));
  }

  @Test
  void theStatusThatConfirmsAReplyJoinsTheReplysTrace() throws Exception {
    WebhookBodies.post(WebhookBodies.text("260777711059", "Ada", "wamid.IN", "Hi")).statusCode(200);
    TestDatabase.execute(
        Rows.DB,
        """
        INSERT INTO "OutboundMessageLog" ("id", "conversationId", "outboundJobId", "dedupeKey", "status")
        SELECT 77, "conversationId", id, 'k77', 'UNKNOWN' FROM "OutboundJob";
        """);
    String replyTrace = Rows.value("SELECT \"traceparent\" FROM \"OutboundJob\"").substring(3, 35);

    WebhookBodies.post(WebhookBodies.status("wamid.OUT", "sent", "outbound-log:77"))
        .statusCode(200);

    SpanData status = awaitSpan(s -> s.getName().equals("status SENT"));
    assertEquals(replyTrace, status.getTraceId());
    assertEquals(1, status.getLinks().size());
    String deliveryTrace = status.getLinks().get(0).getSpanContext().getTraceId();
    // The link names the status delivery's own POST (its span ends as the answer is written).
    awaitSpan(s -> s.getTraceId().equals(deliveryTrace) && s.getName().startsWith("POST"));
    assertNotEquals(replyTrace, deliveryTrace);
  }

  private SpanData awaitSpan(Predicate<SpanData> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    do {
      for (SpanData span : spans.getFinishedSpanItems()) {
        if (wanted.test(span)) {
          return span;
        }
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no such span in " + spans.getFinishedSpanItems());
  }
}
