package io.inbox.domain.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class TraceparentsTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";

  @Test
  void theCurrentSpanBecomesATraceparentAndTheRowsTraceparentItsParent() {
    Span webhook =
        Span.wrap(
            SpanContext.create(
                TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()));
    String stored;
    try (Scope ignored = Context.root().with(webhook).makeCurrent()) {
      stored = Traceparents.current();
    }
    assertEquals("00-" + TRACE_ID + "-" + SPAN_ID + "-01", stored);

    SpanContext parent = Span.fromContext(Traceparents.parent(stored)).getSpanContext();
    assertEquals(TRACE_ID, parent.getTraceId());
    assertEquals(SPAN_ID, parent.getSpanId());
    assertTrue(parent.isRemote() && parent.isSampled());
  }

  @Test
  void withoutASpanNothingIsStoredAndARowWithoutTraceparentStartsANewTrace() {
    assertNull(Traceparents.current());
    assertFalse(Span.fromContext(Traceparents.parent(null)).getSpanContext().isValid());
    assertFalse(Span.fromContext(Traceparents.parent("garbage")).getSpanContext().isValid());
  }
}
