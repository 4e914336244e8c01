package io.inbox.admin.channel;

import io.inbox.admin.web.Times;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A message template of a channel, as approved in Meta's WhatsApp manager. */
@Schema(name = "Template")
public record TemplateView(
    long id,
    long channelId,
    String name,
    String language,
    @Schema(description = "What fills {{1}}, {{2}}…: contact.name, contact.phone or a literal")
        List<String> parameters,
    @Schema(description = "Sent by the runner instead of a reply once the 24-hour window closed")
        boolean reengagement,
    Instant createdAt,
    Instant updatedAt) {

  static TemplateView of(Row row) {
    return new TemplateView(
        row.getLong("id"),
        row.getLong("channelId"),
        row.getString("name"),
        row.getString("language"),
        TemplateFields.parameters(row.getString("parameters")),
        row.getBoolean("reengagement"),
        Times.instant(row.getLocalDateTime("createdAt")),
        Times.instant(row.getLocalDateTime("updatedAt")));
  }
}
