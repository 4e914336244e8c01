package io.inbox.admin.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.admin.web.Times;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A template sent by an agent, as the API shows it: the outbound Message row (PENDING until the
 * runner sends it), with the template and the values it was filled with.
 */
@Schema(name = "TemplateSend")
public record TemplateSend(
    long id,
    long conversationId,
    @Schema(description = "Readable in the inbox: [template <name> (<language>)]") String body,
    Template template,
    String status,
    String author,
    String clientMessageId,
    String providerMessageId,
    String error,
    Instant createdAt,
    Instant statusUpdatedAt) {

  /** What the runner sends: Message.details. */
  public record Template(String name, String language, List<String> parameters) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static TemplateSend of(Row row, String clientMessageId) {
    return new TemplateSend(
        row.getLong("id"),
        row.getLong("conversationId"),
        row.getString("body"),
        details(row.getString("details")),
        row.getString("status"),
        row.getString("author"),
        clientMessageId,
        row.getString("providerMessageId"),
        row.getString("error"),
        Times.instant(row.getLocalDateTime("createdAt")),
        Times.instant(row.getLocalDateTime("statusUpdatedAt")));
  }

  static String detailsJson(Template template) {
    try {
      return JSON.writeValueAsString(template);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a template's details are always JSON", e);
    }
  }

  /** Null for a message that is no template (its client id was used for a reply). */
  private static Template details(String json) {
    try {
      return json == null ? null : JSON.readValue(json, Template.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Message.details of a template send: " + json, e);
    }
  }
}
