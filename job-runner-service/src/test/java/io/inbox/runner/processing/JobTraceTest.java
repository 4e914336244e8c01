package io.inbox.runner.processing;

import static io.inbox.runner.CloudApiStubs.send;
import static io.inbox.runner.CloudApiStubs.sent;
import static io.inbox.runner.processing.OutboundJobsTest.cron;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.inbox.domain.logging.LogFields;
import io.inbox.domain.testing.LogLines;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.opentelemetry.api.common.AttributeKey;
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
 * A job continues the trace of the webhook that queued it (the traceparent on its row): its span,
 * the orchestrator's and the Cloud API call's carry the webhook's trace id, and so does every log
 * line of the job, beside its own requestId, jobId, conversationId and channel.
 */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class JobTraceTest {

  /** As the webhook's enqueue span wrote it: trace id, span id, sampled. */
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private static final String WEBHOOK_SPAN_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + WEBHOOK_SPAN_ID + "-01";

  @Inject InMemorySpanExporter spans;

  /**
   * When the test began (epoch nanoseconds, OpenTelemetry's clock): job ids start at 1 in every
   * test, and a previous test class's job 1 may still end (and its span finish) after the reset.
   */
  private long testStarted;

  @BeforeEach
  void reset() {
    Seed.clean();
    spans.reset();
    WireMockCloudApi.server().resetAll();
    WireMockCloudApi.server().stubFor(send().willReturn(sent("wamid.TRACED")));
    testStarted = System.currentTimeMillis() * 1_000_000;
  }

  @Test
  void theSendOfAQueuedReplyIsPartOfTheWebhooksTraceAndItsLinesCarryTheJobsFields()
      throws Exception {
    long job = Seed.job("+260777711059", "Ada", "wamid.IN1", "What are your opening hours?");
    Seed.execute("UPDATE \"OutboundJob\" SET \"traceparent\" = '" + TRACEPARENT + "'");
    long conversation =
        Long.parseLong(Seed.value("SELECT \"conversationId\" FROM \"OutboundJob\""));

    Map<String, String> fields;
    try (LogLines lines = LogLines.capture()) {
      cron().body("jobRunnerResult.processed", equalTo(1));
      fields = lines.mdcOf("✅ [JOB-RUNNER] outbound sent jobId=" + job, Duration.ofSeconds(10));
    }
    assertEquals(TRACE_ID, fields.get(LogFields.TRACE_ID));
    assertEquals(Long.toString(job), fields.get(LogFields.JOB_ID));
    assertEquals(Long.toString(conversation), fields.get(LogFields.CONVERSATION_ID));
    assertEquals("job_" + job + "_1", fields.get(LogFields.REQUEST_ID));
    assertEquals("1234567890", fields.get(LogFields.CHANNEL));

    SpanData jobSpan = awaitSpan("job REPLY", ofJob(job));
    SpanData sendSpan = awaitSpan("cloud-api send", childOf(jobSpan));
    SpanData orchestrate = awaitSpan("orchestrate", childOf(jobSpan));
    assertEquals(TRACE_ID, sendSpan.getTraceId());
    assertEquals(TRACE_ID, orchestrate.getTraceId());
    assertEquals(TRACE_ID, jobSpan.getTraceId());
    assertEquals(WEBHOOK_SPAN_ID, jobSpan.getParentSpanId());
    assertEquals(jobSpan.getSpanId(), sendSpan.getParentSpanId());
    assertEquals(jobSpan.getSpanId(), fields.get(LogFields.SPAN_ID));
  }

  @Test
  void aJobQueuedWithoutATraceparentStartsATraceOfItsOwn() throws Exception {
    long job = Seed.job("+260777711059", "Ada", "wamid.IN1", "What are your opening hours?");

    cron().body("jobRunnerResult.processed", equalTo(1));

    SpanData jobSpan = awaitSpan("job REPLY", ofJob(job));
    assertNotEquals(TRACE_ID, jobSpan.getTraceId());
    assertEquals(jobSpan.getTraceId(), awaitSpan("cloud-api send", childOf(jobSpan)).getTraceId());
  }

  private Predicate<SpanData> ofJob(long job) {
    return span ->
        span.getStartEpochNanos() >= testStarted
            && Long.valueOf(job)
                .equals(span.getAttributes().get(AttributeKey.longKey("inbox.job.id")));
  }

  /**
   * Spans of other jobs may finish meanwhile (a runner is never alone with one job): a step is
   * found by its parent, the job's span.
   */
  private static Predicate<SpanData> childOf(SpanData jobSpan) {
    return span -> span.getParentSpanId().equals(jobSpan.getSpanId());
  }

  private SpanData awaitSpan(String name, Predicate<SpanData> which) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    do {
      for (SpanData span : spans.getFinishedSpanItems()) {
        if (span.getName().equals(name) && which.test(span)) {
          return span;
        }
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no span " + name + " in " + spans.getFinishedSpanItems());
  }
}
