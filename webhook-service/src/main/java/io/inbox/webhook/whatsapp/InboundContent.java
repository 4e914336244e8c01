package io.inbox.webhook.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one {@code messages[]} item says, in the Message row's columns: its type, a readable {@code
 * body} (so lists and search work for every type), and what the type carries. {@code details} is
 * the rest of the type's object as Meta sent it (JSON text, null when nothing is left): contacts
 * cards, interactive ids, a system notice, the errors of an unsupported message.
 */
public record InboundContent(
    String type,
    String body,
    String mediaId,
    String mimeType,
    String sha256,
    String filename,
    String caption,
    Double latitude,
    Double longitude,
    String locationName,
    String locationAddress,
    String contextMessageId,
    String details) {

  /** Stored for a type we do not read, with Meta's {@code errors} and the type it named. */
  public static final String UNSUPPORTED = "unsupported";

  private static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");

  /** The types read here; any other is stored as {@link #UNSUPPORTED}. */
  private static final Set<String> KNOWN =
      Set.of(
          "text",
          "image",
          "video",
          "audio",
          "document",
          "sticker",
          "location",
          "contacts",
          "interactive",
          "button",
          "reaction",
          "system");

  /**
   * Where the type's own object sits when it is there but is not an object ({@code "image": "x"}):
   * such an item is malformed and is rejected; null when the item is readable.
   */
  static String malformedField(JsonNode message) {
    String type = message.path("type").asText("");
    JsonNode own = message.path(type);
    if (!KNOWN.contains(type) || own.isMissingNode() || own.isNull()) {
      return null;
    }
    boolean expected = "contacts".equals(type) ? own.isArray() : own.isObject();
    return expected ? null : type;
  }

  /** Reads any item {@link #malformedField} accepted; never fails on missing fields. */
  public static InboundContent of(JsonNode message) {
    String type = message.path("type").asText("");
    String context = text(message.path("context").path("id"));
    JsonNode own = message.path(type);
    if (!KNOWN.contains(type)) {
      return unsupported(type, message, context);
    }
    if (MEDIA.contains(type)) {
      return media(type, own, context);
    }
    return switch (type) {
      case "text" -> simple(type, own.path("body").asText(""), context, rest(own, "body"));
      case "location" -> location(own, context);
      case "contacts" -> contacts(own, context);
      case "interactive" -> interactive(own, context);
      case "button" -> simple(type, orElse(text(own.path("text")), "[button]"), context, json(own));
      case "reaction" -> reaction(own);
      default -> simple(type, orElse(text(own.path("body")), "[system]"), context, json(own));
    };
  }

  private static InboundContent media(String type, JsonNode own, String context) {
    String caption = text(own.path("caption"));
    String filename = text(own.path("filename"));
    String body =
        caption != null ? caption : "[" + type + "]" + (filename == null ? "" : " " + filename);
    return new InboundContent(
        type,
        body,
        text(own.path("id")),
        text(own.path("mime_type")),
        text(own.path("sha256")),
        filename,
        caption,
        null,
        null,
        null,
        null,
        context,
        rest(own, "id", "mime_type", "sha256", "filename", "caption"));
  }

  private static InboundContent location(JsonNode own, String context) {
    Double latitude = number(own.path("latitude"));
    Double longitude = number(own.path("longitude"));
    String name = text(own.path("name"));
    String address = text(own.path("address"));
    List<String> parts = new ArrayList<>();
    if (name != null) {
      parts.add(name);
    }
    if (address != null) {
      parts.add(address);
    }
    if (parts.isEmpty() && latitude != null && longitude != null) {
      parts.add(latitude + ", " + longitude);
    }
    String body = parts.isEmpty() ? "[location]" : "[location] " + String.join(", ", parts);
    return new InboundContent(
        "location",
        body,
        null,
        null,
        null,
        null,
        null,
        latitude,
        longitude,
        name,
        address,
        context,
        rest(own, "latitude", "longitude", "name", "address"));
  }

  /** The cards stay whole in details; the body names the people shared. */
  private static InboundContent contacts(JsonNode cards, String context) {
    List<String> names = new ArrayList<>();
    for (JsonNode card : cards) {
      String name = text(card.path("name").path("formatted_name"));
      if (name != null) {
        names.add(name);
      }
    }
    String body = names.isEmpty() ? "[contacts]" : "[contacts] " + String.join(", ", names);
    return simple("contacts", body, context, cards.isArray() ? cards.toString() : null);
  }

  /** A button or list reply: its title reads, its id (what the business defined) stays. */
  private static InboundContent interactive(JsonNode own, String context) {
    String kind = own.path("type").asText("");
    JsonNode chosen =
        own.has(kind)
            ? own.path(kind)
            : own.has("button_reply") ? own.path("button_reply") : own.path("list_reply");
    String body =
        orElse(text(chosen.path("title")), orElse(text(chosen.path("body")), "[interactive]"));
    return simple("interactive", body, context, json(own));
  }

  /** No emoji means the customer removed their reaction. */
  private static InboundContent reaction(JsonNode own) {
    String emoji = text(own.path("emoji"));
    return simple(
        "reaction",
        emoji == null ? "[reaction removed]" : emoji,
        text(own.path("message_id")),
        rest(own, "message_id", "emoji"));
  }

  private static InboundContent unsupported(String type, JsonNode message, String context) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    if (!type.isEmpty() && !"unsupported".equals(type) && !"unknown".equals(type)) {
      details.put("type", type);
    }
    copy(message, details, "errors");
    copy(message, details, type.isEmpty() ? "unsupported" : type);
    return simple(
        UNSUPPORTED,
        "[" + (type.isEmpty() ? UNSUPPORTED : type) + "]",
        context,
        details.isEmpty() ? null : details.toString());
  }

  private static InboundContent simple(String type, String body, String context, String details) {
    return new InboundContent(
        type, body, null, null, null, null, null, null, null, null, null, context, details);
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    if (from.has(field) && !from.path(field).isNull()) {
      to.set(field, from.path(field));
    }
  }

  /** The object without the fields that have columns; null when nothing else is left. */
  private static String rest(JsonNode own, String... promoted) {
    if (!own.isObject()) {
      return null;
    }
    ObjectNode rest = ((ObjectNode) own).deepCopy();
    rest.remove(List.of(promoted));
    return rest.isEmpty() ? null : rest.toString();
  }

  private static String json(JsonNode own) {
    return own.isObject() && !own.isEmpty() ? own.toString() : null;
  }

  private static Double number(JsonNode node) {
    if (node.isNumber()) {
      return node.asDouble();
    }
    // Documented as numbers; a text that reads as one is still the customer's location.
    try {
      Double value = node.isTextual() ? Double.valueOf(node.asText()) : null;
      return value == null || value.isInfinite() || value.isNaN() ? null : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A value-node's text; null for a missing, null, blank or structured node. */
  private static String text(JsonNode node) {
    if (!node.isValueNode() || node.isNull()) {
      return null;
    }
    String text = node.asText();
    return text.isBlank() ? null : text;
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
