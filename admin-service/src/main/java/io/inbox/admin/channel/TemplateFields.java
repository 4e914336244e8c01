package io.inbox.admin.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.admin.web.Params;
import io.inbox.domain.channel.TemplateParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A template as the client adds it: {@code {"name", "language", "parameters": [...],
 * "reengagement"}}, checked at the edge (a flaw answers 400 naming the field).
 */
record TemplateFields(String name, String language, List<String> parameters, boolean reengagement) {

  /** Meta's template names: lower-case letters, digits and underscores. */
  static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");

  /** Meta's language codes: en, en_US, pt_BR… */
  static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");

  /** More than a body's text would hold sensibly; Meta's own limit is in the body's length. */
  static final int MAX_PARAMETERS = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  static TemplateFields parse(String raw) {
    JsonNode json;
    try {
      json = raw == null || raw.isBlank() ? null : JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw Params.badRequest(
          "request",
          "send a JSON object: {\"name\": \"order_update\", \"language\": \"en_US\","
              + " \"parameters\": [\"contact.name\"], \"reengagement\": false}");
    }
    String name = json.path("name").asText("");
    if (!json.path("name").isTextual() || !NAME.matcher(name).matches()) {
      throw Params.badRequest(
          "name",
          "name must be the template's name in Meta (a-z, 0-9 and _), got \"" + name + "\"");
    }
    String language = json.path("language").asText("");
    if (!json.path("language").isTextual() || !LANGUAGE.matcher(language).matches()) {
      throw Params.badRequest(
          "language",
          "language must be Meta's language code (en, en_US…), got \"" + language + "\"");
    }
    JsonNode reengagement = json.path("reengagement");
    if (!reengagement.isMissingNode() && !reengagement.isBoolean()) {
      throw Params.badRequest("reengagement", "reengagement must be true or false");
    }
    return new TemplateFields(
        name, language, parameters(json.path("parameters")), reengagement.asBoolean(false));
  }

  private static List<String> parameters(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    String rule =
        "parameters must be an array of at most "
            + MAX_PARAMETERS
            + " texts, each contact.name, contact.phone or a literal (not blank)";
    if (!node.isArray() || node.size() > MAX_PARAMETERS) {
      throw Params.badRequest("parameters", rule);
    }
    List<String> parameters = new ArrayList<>();
    for (JsonNode parameter : node) {
      if (!parameter.isTextual() || !TemplateParameters.valid(parameter.asText())) {
        throw Params.badRequest("parameters", rule + ", got " + parameter);
      }
      parameters.add(parameter.asText());
    }
    return List.copyOf(parameters);
  }

  String parametersJson() {
    try {
      return JSON.writeValueAsString(parameters);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }

  /** The stored JSONB array, as written by {@link #parametersJson()}. */
  static List<String> parameters(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Template.parameters is not an array of texts: " + json, e);
    }
  }
}
