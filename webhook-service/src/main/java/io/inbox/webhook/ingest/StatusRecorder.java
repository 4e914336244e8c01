package io.inbox.webhook.ingest;

import io.inbox.domain.queue.OutboundQueue;
import io.inbox.webhook.whatsapp.WebhookPayload.StatusUpdate;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
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
    OUT_OF_ORDER,
    UNKNOWN_MESSAGE,
    UNKNOWN_STATUS
  }

  /**
   * The rank guard is the whole point: a late "delivered" never overwrites "read", and nothing
   * overwrites a terminal status.
   */
  private static final String ADVANCE_MESSAGE =
      """
      UPDATE "Message"
         SET "status" = $2, "error" = $3, "statusUpdatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "providerMessageId" = $1 AND "direction" = 'OUTBOUND'
         AND "status" NOT IN ('READ', 'FAILED')
         AND CASE "status" WHEN 'SENT' THEN 1 WHEN 'DELIVERED' THEN 2 ELSE 0 END < $4
      RETURNING "id"
      """;

  private static final String MESSAGE_EXISTS =
      """
      SELECT 1 FROM "Message" WHERE "providerMessageId" = $1 AND "direction" = 'OUTBOUND'
      """;

  /**
   * The runner lost the provider's answer and marked the send UNKNOWN; this status proves it went
   * out (or failed), so the runner will not send it again.
   */
  private static final String CLOSE_LEDGER_ROW =
      """
      UPDATE "OutboundMessageLog"
         SET "status" = $2, "providerMessageId" = COALESCE("providerMessageId", $3), "error" = $4,
             "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1 AND "status" IN ('UNKNOWN', 'SENDING', 'PENDING')
      """;

  private final Pool pool;

  public StatusRecorder(Pool pool) {
    this.pool = pool;
  }

  public Uni<Outcome> record(StatusUpdate status) {
    String ourStatus = status.status().toUpperCase(Locale.ROOT);
    int rank =
        switch (ourStatus) {
          case "SENT" -> 1;
          case "DELIVERED" -> 2;
          case "READ", "FAILED" -> 3;
          default -> -1;
        };
    if (rank < 0) {
      return Uni.createFrom().item(Outcome.UNKNOWN_STATUS);
    }
    return closeLedgerRow(status, ourStatus)
        .flatMap(
            ignored ->
                pool.preparedQuery(ADVANCE_MESSAGE)
                    .execute(Tuple.of(status.providerMessageId(), ourStatus, status.error(), rank)))
        .flatMap(
            updated ->
                updated.rowCount() > 0
                    ? Uni.createFrom().item(Outcome.APPLIED)
                    : pool.preparedQuery(MESSAGE_EXISTS)
                        .execute(Tuple.of(status.providerMessageId()))
                        .map(
                            rows ->
                                rows.size() > 0 ? Outcome.OUT_OF_ORDER : Outcome.UNKNOWN_MESSAGE));
  }

  private Uni<Void> closeLedgerRow(StatusUpdate status, String ourStatus) {
    String data = status.callbackData();
    if (data == null || !data.startsWith(OutboundQueue.CALLBACK_PREFIX)) {
      return Uni.createFrom().voidItem();
    }
    long ledgerId;
    try {
      ledgerId = Long.parseLong(data.substring(OutboundQueue.CALLBACK_PREFIX.length()));
    } catch (NumberFormatException e) {
      return Uni.createFrom().voidItem();
    }
    String ledgerStatus = ourStatus.equals("FAILED") ? "FAILED" : "SENT";
    return pool.preparedQuery(CLOSE_LEDGER_ROW)
        .execute(Tuple.of(ledgerId, ledgerStatus, status.providerMessageId(), status.error()))
        .replaceWithVoid();
  }
}
