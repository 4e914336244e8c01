package io.inbox.runner.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.domain.channel.TemplateParameters;
import io.inbox.runner.outbound.Content;
import java.util.ArrayList;
import java.util.List;

/** Templates as the runner sends them, read from what the database holds. */
public final class TemplateMessages {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TemplateMessages() {}

  /**
   * An agent's template send: Message.details as admin-service wrote it, {@code {"name",
   * "language", "parameters": [values]}}, the values resolved when it was queued.
   *
   * @throws IllegalArgumentException when the details are not such an object
   */
  public static Content.Template queued(String detailsJson) {
    JsonNode details = read(detailsJson);
    String name = details.path("name").asText("");
    String language = details.path("language").asText("");
    if (name.isEmpty() || language.isEmpty()) {
      throw new IllegalArgumentException("template details without name or language");
    }
    return new Content.Template(name, language, texts(details.path("parameters")));
  }

  /**
   * The channel's re-engagement template filled from the contact, as an agent's send would be.
   *
   * @throws TemplateParameters.MissingValue when the contact lacks a value a parameter needs
   */
  public static Content.Template reengagement(
      ReengagementTemplate template, String contactName, String phone) {
    List<String> parameters = texts(read(template.parametersJson()));
    return new Content.Template(
        template.name(),
        template.language(),
        TemplateParameters.resolve(parameters, contactName, phone));
  }

  private static JsonNode read(String json) {
    try {
      return json == null ? JSON.missingNode() : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("template JSON unreadable: " + e.getOriginalMessage(), e);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
