package io.inbox.domain.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A reply's trace crosses the database, not HTTP: the webhook stores the W3C {@code traceparent} of
 * its enqueue on the {@code OutboundJob} row, and the runner continues that trace from it.
 */
public final class Traceparents {

  private static final String HEADER = "traceparent";

  private static final TextMapGetter<String> ROW =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
          return List.of(HEADER);
        }

        @Override
        public String get(String traceparent, String key) {
          return HEADER.equals(key) ? traceparent : null;
        }
      };

  private Traceparents() {}

  /** The current span's traceparent; null without a valid span (no tracing in this process). */
  public static String current() {
    Map<String, String> carrier = new HashMap<>();
    W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
    return carrier.get(HEADER);
  }

  /**
   * The context a job's work continues: the span its row names as parent, or none (a new trace)
   * when the row has no traceparent (queued before tracing, by admin, or by an earlier release).
   */
  public static Context parent(String traceparent) {
    if (traceparent == null || traceparent.isBlank()) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, ROW);
  }
}
