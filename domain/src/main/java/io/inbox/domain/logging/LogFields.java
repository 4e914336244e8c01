package io.inbox.domain.logging;

/**
 * The MDC keys that every log line of a request or a job carries (in JSON logs, under {@code
 * "mdc"}), so one customer's reply can be followed across services with a single filter. {@code
 * traceId} and {@code spanId} are the keys Quarkus' OpenTelemetry puts there itself.
 */
public final class LogFields {

  public static final String REQUEST_ID = "requestId";
  public static final String JOB_ID = "jobId";
  public static final String CONVERSATION_ID = "conversationId";

  /** The WhatsApp number (Meta's phone_number_id) a message came to or a reply goes out from. */
  public static final String CHANNEL = "channel";

  public static final String TRACE_ID = "traceId";
  public static final String SPAN_ID = "spanId";

  private LogFields() {}
}
