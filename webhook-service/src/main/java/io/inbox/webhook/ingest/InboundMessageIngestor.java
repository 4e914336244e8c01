package io.inbox.webhook.ingest;

import io.inbox.domain.tracing.Traceparents;
import io.inbox.webhook.channel.ChannelRouting.Route;
import io.inbox.webhook.whatsapp.InboundContent;
import io.inbox.webhook.whatsapp.WebhookPayload.InboundMessage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/**
 * One inbound message in the caller's transaction (the delivery's, {@code EventTransaction}):
 * contact, conversation, message, job and the runner's wake-up commit with the event that carried
 * them, or not at all. Two round trips ({@link InboundSql}), the second of which can also mark the
 * delivery's event processed. Safe to repeat: a redelivery changes nothing.
 */
@ApplicationScoped
public class InboundMessageIngestor {

  /**
   * {@code route}: the channel the message was sent to, its conversation's channel; {@code mark}:
   * the event this statement also marks processed, or null. The job carries the traceparent of the
   * enqueue span, or of the request's when that is not sampled: the runner continues this trace.
   */
  public Uni<EnqueuedJob> ingest(SqlConnection c, InboundMessage m, Route route, EventMark mark) {
    // An unsampled span is exported nowhere, yet starting it, making it current (which copies its
    // ids into the MDC), restoring the request's and ending it costs CPU on every delivery.
    return Span.current().getSpanContext().isSampled()
        ? enqueue(c, m, route, mark)
        : write(c, m, route, mark);
  }

  /** Intercepted although called from this bean: ArC intercepts self-invocation. */
  @WithSpan("enqueue")
  Uni<EnqueuedJob> enqueue(SqlConnection c, InboundMessage m, Route route, EventMark mark) {
    return write(c, m, route, mark);
  }

  private Uni<EnqueuedJob> write(SqlConnection c, InboundMessage m, Route route, EventMark mark) {
    String traceparent = Traceparents.current();
    return c.preparedQuery(InboundSql.UPSERT_CONTACT)
        .execute(Tuple.of(m.phone(), m.waId(), m.contactName()))
        .map(rows -> rows.iterator().next().getLong("id"))
        .flatMap(
            contactId -> {
              Tuple row = ingestRow(m, traceparent, contactId, route, mark);
              return ingest(c, row)
                  .flatMap(job -> job != null ? Uni.createFrom().item(job) : ingestAgain(c, row));
            });
  }

  /** A concurrent delivery of the same message won the insert: now this finds its row. */
  private Uni<EnqueuedJob> ingestAgain(SqlConnection c, Tuple row) {
    return ingest(c, row)
        .onItem()
        .ifNull()
        .failWith(() -> new IllegalStateException("Message neither inserted nor found"));
  }

  /** Null when nothing came back (see {@link InboundSql#INGEST}). */
  private Uni<EnqueuedJob> ingest(SqlConnection c, Tuple row) {
    return c.preparedQuery(InboundSql.INGEST)
        .execute(row)
        .map(
            rows -> {
              if (rows.size() == 0) {
                return null;
              }
              Row job = rows.iterator().next();
              return new EnqueuedJob(
                  job.getLong("id"), job.getLong("conversationId"), job.getBoolean("wasDuplicate"));
            });
  }

  private static Tuple ingestRow(
      InboundMessage m, String traceparent, long contactId, Route route, EventMark mark) {
    InboundContent content = m.content();
    return Tuple.from(
        Arrays.asList(
            m.providerMessageId(),
            traceparent,
            contactId,
            route.channelId(),
            route.isDefault(),
            m.sentAt(),
            content.body(),
            content.type(),
            content.mediaId(),
            content.mimeType(),
            content.sha256(),
            content.filename(),
            content.caption(),
            content.latitude(),
            content.longitude(),
            content.locationName(),
            content.locationAddress(),
            content.contextMessageId(),
            content.details(),
            mark == null ? null : mark.eventId(),
            mark == null ? null : mark.error()));
  }
}
