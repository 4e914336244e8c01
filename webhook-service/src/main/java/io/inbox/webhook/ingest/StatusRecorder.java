package io.inbox.webhook.ingest;

import static io.inbox.domain.queue.SendLedgerSql.deliveryRank;

import io.inbox.domain.queue.OutboundQueue;
import io.inbox.domain.queue.SendLedgerSql;
import io.inbox.domain.tracing.Traceparents;
import io.inbox.webhook.whatsapp.WebhookPayload.StatusUpdate;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * Applies Meta's delivery statuses to our outbound messages, forward only (sent → delivered → read;
 * failed is terminal), and closes the runner's UNKNOWN ledger rows they identify.
 */
@ApplicationScoped
public class StatusRecorder {

  /** What a status did. */
  public enum Outcome {
    APPLIED,
    /** Our Message row does not exist yet: kept on its ledger row, applied when it is recorded. */
    KEPT,
    OUT_OF_ORDER,
    UNKNOWN_MESSAGE,
    UNKNOWN_STATUS
  }

  /**
   * Forward only: a late "delivered" never overwrites "read", and nothing overwrites a final
   * status. A reply Meta reports FAILED raises the same Notification a refused send does.
   */
  private static final String ADVANCE_MESSAGE =
      """
      WITH advanced AS (
          UPDATE "Message"
             SET "status" = $2, "error" = $3, "statusUpdatedAt" = (now() AT TIME ZONE 'UTC')
           WHERE "providerMessageId" = $1 AND "direction" = 'OUTBOUND' AND %s > %s
          RETURNING "id", "conversationId"
      ), alert AS (
          INSERT INTO "Notification" ("conversationId", "type", "title", "body", "createdAt")
          SELECT "conversationId", 'JOB_FAILED', 'Reply could not be sent',
                 'Meta reported message ' || $1 || ' failed: ' || COALESCE($3, '?'),
                 (now() AT TIME ZONE 'UTC')
            FROM advanced
           WHERE $2 = 'FAILED'
      )
      SELECT "id" FROM advanced
      """
          .formatted(deliveryRank("$2"), deliveryRank("\"status\""));

  private static final String MESSAGE_EXISTS =
      """
      SELECT 1 FROM "Message" WHERE "providerMessageId" = $1 AND "direction" = 'OUTBOUND'
      """;

  private final Tracer tracer;

  public StatusRecorder(Tracer tracer) {
    this.tracer = tracer;
  }

  /**
   * {@code c}: the delivery's transaction; the ledger row and the message change with its event.
   */
  public Uni<Outcome> record(SqlConnection c, StatusUpdate status) {
    String ourStatus = status.status().toUpperCase(Locale.ROOT);
    if (!List.of("SENT", "DELIVERED", "READ", "FAILED").contains(ourStatus)) {
      return Uni.createFrom().item(Outcome.UNKNOWN_STATUS);
    }
    Long ledgerId = ledgerId(status.callbackData());
    return closeLedgerRow(c, ledgerId, status, ourStatus)
        .flatMap(
            ledgerRows ->
                c.preparedQuery(ADVANCE_MESSAGE)
                    .execute(Tuple.of(status.providerMessageId(), ourStatus, status.error()))
                    .flatMap(
                        advanced ->
                            advanced.rowCount() > 0
                                ? Uni.createFrom().item(Outcome.APPLIED)
                                : notApplied(c, status, ledgerRows > 0)));
  }

  private Uni<Outcome> notApplied(SqlConnection c, StatusUpdate status, boolean kept) {
    return c.preparedQuery(MESSAGE_EXISTS)
        .execute(Tuple.of(status.providerMessageId()))
        .map(
            rows ->
                rows.size() > 0
                    ? Outcome.OUT_OF_ORDER
                    : kept ? Outcome.KEPT : Outcome.UNKNOWN_MESSAGE);
  }

  /**
   * The status that settles a reply's ledger row ends that reply's trace: a span in the trace the
   * job carries (the webhook that queued it, the runner's send), linked to this delivery's own.
   */
  private void confirmed(String traceparent, long ledgerId, String ourStatus) {
    if (traceparent == null) {
      return;
    }
    tracer
        .spanBuilder("status " + ourStatus)
        .setParent(Traceparents.parent(traceparent))
        .addLink(Span.current().getSpanContext())
        .setAttribute("inbox.ledger.id", ledgerId)
        .startSpan()
        .end();
  }

  /** Our ledger id from {@code biz_opaque_callback_data}; null for anything else. */
  private static Long ledgerId(String callbackData) {
    if (callbackData == null || !callbackData.startsWith(OutboundQueue.CALLBACK_PREFIX)) {
      return null;
    }
    try {
      return Long.parseLong(callbackData.substring(OutboundQueue.CALLBACK_PREFIX.length()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The number of ledger rows the status named (0 or 1). The job is woken in a statement of its
   * own, after the ledger row's lock is ours (see {@link SendLedgerSql#WAKE_JOB}).
   */
  private Uni<Long> closeLedgerRow(
      SqlConnection c, Long ledgerId, StatusUpdate status, String ourStatus) {
    if (ledgerId == null) {
      return Uni.createFrom().item(0L);
    }
    String ledgerStatus = ourStatus.equals("FAILED") ? "FAILED" : "SENT";
    return c.preparedQuery(SendLedgerSql.CLOSE_LEDGER_ROW)
        .execute(
            Tuple.of(ledgerId, status.providerMessageId(), ledgerStatus, ourStatus, status.error()))
        .flatMap(
            rows -> {
              if (rows.size() == 0) {
                return Uni.createFrom().item(0L);
              }
              Long jobId = rows.iterator().next().getLong("outboundJobId");
              confirmed(rows.iterator().next().getString("traceparent"), ledgerId, ourStatus);
              Uni<?> woken =
                  jobId == null
                      ? Uni.createFrom().voidItem()
                      : c.preparedQuery(SendLedgerSql.WAKE_JOB).execute(Tuple.of(jobId));
              return woken.replaceWith(1L);
            });
  }
}
