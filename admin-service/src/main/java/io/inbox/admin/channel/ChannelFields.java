package io.inbox.admin.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.admin.web.Params;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A channel's fields as a POST or PATCH sends them, checked at the edge: each present field valid
 * (a flaw answers 400 naming it), an unknown field refused (a typo, or a token sent where its
 * reference belongs, must not pass silently). {@code present} says which fields a PATCH changes.
 */
record ChannelFields(
    Set<String> present,
    String name,
    String phoneNumberId,
    String displayNumber,
    String wabaId,
    String tokenRef,
    Boolean active,
    Integer messagesPerSecond) {

  static final Set<String> FIELDS =
      Set.of(
          "name",
          "phoneNumberId",
          "displayNumber",
          "wabaId",
          "tokenRef",
          "active",
          "messagesPerSecond");

  /** An environment variable's name; longer than any reference, shorter than any token. */
  private static final Pattern TOKEN_REF = Pattern.compile("[A-Z0-9_]{1,64}");

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,32}");

  /** Meta's limit per number goes up to 1,000 messages a second. */
  static final int MAX_RATE = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  static ChannelFields parse(String raw) {
    JsonNode json;
    try {
      json = raw == null || raw.isBlank() ? null : JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw Params.badRequest(
          "request",
          "send a JSON object: {\"name\", \"phoneNumberId\", \"tokenRef\", \"displayNumber\","
              + " \"wabaId\", \"active\", \"messagesPerSecond\"}");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        throw Params.badRequest(
            field,
            "unknown field "
                + field
                + ": a channel has "
                + String.join(", ", FIELDS.stream().sorted().toList())
                + " (a token is never sent: put it in the environment or Secret and send its"
                + " name as tokenRef)");
      }
    }
    return new ChannelFields(
        present(json),
        json.has("name") ? Params.name(text(json, "name"), "name", 100) : null,
        digits(json, "phoneNumberId"),
        displayNumber(json),
        digits(json, "wabaId"),
        json.has("tokenRef") ? tokenRef(text(json, "tokenRef")) : null,
        json.has("active") ? bool(json, "active") : null,
        json.has("messagesPerSecond") ? rate(json) : null);
  }

  /** A POST must say which number, under which name, with which token. */
  ChannelFields requireForCreate() {
    for (String field : new String[] {"name", "phoneNumberId", "tokenRef"}) {
      if (!present.contains(field) || field.equals("phoneNumberId") && phoneNumberId == null) {
        throw Params.badRequest(field, field + " is required for a new channel");
      }
    }
    return this;
  }

  /**
   * A reference, never a token: {@code [A-Z0-9_]}, at most 64 characters, and not Meta's token
   * shape (they start with EAA and run to hundreds of characters).
   */
  static String tokenRef(String raw) {
    if (raw == null || !TOKEN_REF.matcher(raw).matches() || raw.startsWith("EAA")) {
      throw Params.badRequest(
          "tokenRef",
          "tokenRef must name the environment variable or Secret key holding the token (A-Z, 0-9"
              + " and _, at most 64 characters, e.g. WHATSAPP_TOKEN_SALES), never the token"
              + " itself");
    }
    return raw;
  }

  private static Set<String> present(JsonNode json) {
    Set<String> present = new HashSet<>();
    json.fieldNames().forEachRemaining(present::add);
    return Set.copyOf(present);
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw Params.badRequest(field, field + " must be a string");
    }
    return node.asText().strip();
  }

  /** Meta's ids are digits; null clears the field. */
  private static String digits(JsonNode json, String field) {
    if (!json.has(field)) {
      return null;
    }
    String value = text(json, field);
    if (value != null && !DIGITS.matcher(value).matches()) {
      throw Params.badRequest(
          field, field + " must be Meta's id (digits only), got \"" + value + "\"");
    }
    return value;
  }

  private static String displayNumber(JsonNode json) {
    if (!json.has("displayNumber")) {
      return null;
    }
    String value = text(json, "displayNumber");
    if (value != null && !value.matches("[+0-9 ()-]{1,32}")) {
      throw Params.badRequest(
          "displayNumber", "displayNumber must be a phone number as shown (e.g. +1 555 010 0000)");
    }
    return value;
  }

  private static boolean bool(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (!node.isBoolean()) {
      throw Params.badRequest(field, field + " must be true or false");
    }
    return node.asBoolean();
  }

  private static int rate(JsonNode json) {
    JsonNode node = json.get("messagesPerSecond");
    if (!node.isInt() || node.asInt() < 1 || node.asInt() > MAX_RATE) {
      throw Params.badRequest(
          "messagesPerSecond", "messagesPerSecond must be a whole number from 1 to " + MAX_RATE);
    }
    return node.asInt();
  }
}
