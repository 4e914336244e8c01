package io.inbox.admin.reply;

import io.inbox.admin.web.Times;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;

/**
 * An agent's reply as the API shows it: the outbound Message row, PENDING until the runner sends
 * it, then SENT (with Meta's id) or FAILED (with Meta's reason), then DELIVERED/READ.
 */
public record AgentReply(
    long id,
    long conversationId,
    String body,
    String status,
    String author,
    String clientMessageId,
    String providerMessageId,
    String error,
    Instant createdAt,
    Instant statusUpdatedAt) {

  static AgentReply of(Row row, String clientMessageId) {
    return new AgentReply(
        row.getLong("id"),
        row.getLong("conversationId"),
        row.getString("body"),
        row.getString("status"),
        row.getString("author"),
        clientMessageId,
        row.getString("providerMessageId"),
        row.getString("error"),
        Times.instant(row.getLocalDateTime("createdAt")),
        Times.instant(row.getLocalDateTime("statusUpdatedAt")));
  }
}
