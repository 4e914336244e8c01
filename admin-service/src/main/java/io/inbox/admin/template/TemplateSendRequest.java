package io.inbox.admin.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.admin.web.ClientMessageIds;
import io.inbox.admin.web.Params;

/**
 * A template to send, as the client asks: {@code {"templateId": 3, "clientMessageId": "<uuid>"}} or
 * {@code {"name": "order_update", "language": "en_US", "clientMessageId": "<uuid>"}}. As with a
 * reply, the client makes {@code clientMessageId} once per message and repeats it on a retry.
 */
record TemplateSendRequest(
    Integer templateId, String name, String language, String clientMessageId) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static TemplateSendRequest parse(String raw) {
    JsonNode json;
    try {
      json = raw == null || raw.isBlank() ? null : JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw Params.badRequest(
          "request",
          "send a JSON object: {\"templateId\": <id>, \"clientMessageId\": \"<uuid>\"} or"
              + " {\"name\", \"language\", \"clientMessageId\"}");
    }
    String clientMessageId = ClientMessageIds.parse(json.get("clientMessageId"));
    JsonNode id = json.get("templateId");
    if (id != null && !id.isNull()) {
      if (!id.canConvertToInt() || !id.isIntegralNumber() || id.asInt() < 1) {
        throw Params.badRequest("templateId", "templateId must be a positive integer");
      }
      return new TemplateSendRequest(id.asInt(), null, null, clientMessageId);
    }
    JsonNode name = json.get("name");
    JsonNode language = json.get("language");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw Params.badRequest("templateId", "send templateId, or the template's name and language");
    }
    if (language == null || !language.isTextual() || language.asText().isBlank()) {
      throw Params.badRequest("language", "language is required with name (en_US…)");
    }
    return new TemplateSendRequest(
        null, name.asText().strip(), language.asText().strip(), clientMessageId);
  }
}
