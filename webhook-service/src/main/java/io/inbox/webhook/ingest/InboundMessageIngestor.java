package io.inbox.webhook.ingest;

import io.inbox.domain.queue.OutboundQueue;
import io.inbox.domain.queue.OutboundQueueSql;
import io.inbox.domain.tracing.Traceparents;
import io.inbox.webhook.channel.ChannelRouting.Route;
import io.inbox.webhook.whatsapp.InboundContent;
import io.inbox.webhook.whatsapp.WebhookPayload.InboundMessage;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/**
 * One inbound message in the caller's transaction (the delivery's, {@code EventTransaction}):
 * contact, conversation, message, job and the runner's wake-up commit with the event that carried
 * them, or not at all. Safe to repeat: a redelivery changes nothing.
 */
@ApplicationScoped
public class InboundMessageIngestor {

  /**
   * {@code route}: the channel the message was sent to, its conversation's channel. The enqueue
   * span's traceparent goes on the job: the runner continues this trace.
   */
  @WithSpan("enqueue")
  public Uni<EnqueuedJob> ingest(SqlConnection c, InboundMessage m, Route route) {
    String traceparent = Traceparents.current();
    return c.preparedQuery(InboundSql.UPSERT_CONTACT)
        .execute(Tuple.of(m.phone(), m.waId(), m.contactName()))
        .map(rows -> rows.iterator().next().getLong("id"))
        .flatMap(
            contactId ->
                existingMessage(c, m)
                    .flatMap(
                        existing ->
                            existing != null
                                ? enqueue(
                                    c,
                                    existing.getLong("conversationId"),
                                    existing.getLong("id"),
                                    m,
                                    traceparent)
                                : newMessage(c, contactId, m, route, traceparent)));
  }

  private Uni<Row> existingMessage(SqlConnection c, InboundMessage m) {
    return c.preparedQuery(InboundSql.FIND_MESSAGE)
        .execute(Tuple.of(m.providerMessageId()))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  private Uni<EnqueuedJob> newMessage(
      SqlConnection c, long contactId, InboundMessage m, Route route, String traceparent) {
    return conversationFor(c, contactId, route)
        .flatMap(
            conversationId ->
                c.preparedQuery(InboundSql.INSERT_MESSAGE)
                    .execute(messageRow(conversationId, m))
                    .flatMap(rows -> messageId(c, rows, m))
                    .call(
                        messageId ->
                            c.preparedQuery(InboundSql.TOUCH_CONVERSATION)
                                .execute(Tuple.of(conversationId, m.sentAt())))
                    .flatMap(messageId -> enqueue(c, conversationId, messageId, m, traceparent)));
  }

  private static Tuple messageRow(long conversationId, InboundMessage m) {
    InboundContent content = m.content();
    return Tuple.from(
        Arrays.asList(
            conversationId,
            content.body(),
            m.providerMessageId(),
            m.sentAt(),
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
            content.details()));
  }

  /** A concurrent delivery of the same message may have won the insert: use its row. */
  private Uni<Long> messageId(SqlConnection c, RowSet<Row> inserted, InboundMessage m) {
    if (inserted.size() > 0) {
      return Uni.createFrom().item(inserted.iterator().next().getLong("id"));
    }
    return existingMessage(c, m).map(row -> row.getLong("id"));
  }

  private Uni<Long> conversationFor(SqlConnection c, long contactId, Route route) {
    return c.preparedQuery(InboundSql.FIND_OPEN_CONVERSATION)
        .execute(Tuple.of(contactId, route.channelId(), route.isDefault()))
        .flatMap(
            rows ->
                rows.size() > 0
                    ? Uni.createFrom().item(rows.iterator().next().getLong("id"))
                    : c.preparedQuery(InboundSql.OPEN_CONVERSATION)
                        .execute(Tuple.of(contactId, route.channelId()))
                        .map(created -> created.iterator().next().getLong("id")));
  }

  private Uni<EnqueuedJob> enqueue(
      SqlConnection c, long conversationId, long messageId, InboundMessage m, String traceparent) {
    return c.preparedQuery(OutboundQueueSql.ENQUEUE_JOB)
        .execute(Tuple.of(conversationId, messageId, m.providerMessageId(), traceparent))
        .map(rows -> rows.iterator().next())
        .map(
            row ->
                new EnqueuedJob(row.getLong("id"), conversationId, row.getBoolean("wasDuplicate")))
        .call(
            job ->
                job.wasDuplicate()
                    ? Uni.createFrom().voidItem()
                    : c.preparedQuery(InboundSql.NOTIFY_RUNNER)
                        .execute(Tuple.of(OutboundQueue.CHANNEL, Long.toString(job.jobId()))));
  }
}
