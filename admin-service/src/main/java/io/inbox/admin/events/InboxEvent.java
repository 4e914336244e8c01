package io.inbox.admin.events;

import io.inbox.admin.web.Times;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;

/**
 * One change an agent sees, as the {@code InboxEvent} row the V6 trigger wrote in the writer's
 * transaction: {@code type} is {@code "<Table>.<insert|update>"} (e.g. {@code "Message.insert"}),
 * {@code entityId} that table's row id.
 */
public record InboxEvent(
    long id, String type, Long conversationId, long entityId, Instant createdAt) {

  static InboxEvent of(Row row) {
    return new InboxEvent(
        row.getLong("id"),
        row.getString("type"),
        row.getLong("conversationId"),
        row.getLong("entityId"),
        Times.instant(row.getLocalDateTime("createdAt")));
  }
}
