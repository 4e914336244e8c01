package io.inbox.webhook.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a Cloud API webhook we act on, from every {@code entry[].changes[].value}: one body
 * can batch many messages and statuses, and all of them count.
 */
public record WebhookPayload(List<InboundMessage> messages, List<StatusUpdate> statuses) {

  /** 9999-12-31T23:59:59Z. */
  private static final long LATEST_EPOCH_SECOND = 253_402_300_799L;

  /** A customer's message. {@code body} is readable for every type ({@code [image]} …). */
  public record InboundMessage(
      String waId,
      String contactName,
      String providerMessageId,
      String body,
      LocalDateTime sentAt) {
    public String phone() {
      return waId.startsWith("+") ? waId : "+" + waId;
    }
  }

  /** Delivery news about a message we sent. */
  public record StatusUpdate(
      String providerMessageId, String status, String error, String callbackData) {}

  /** Thrown for a body that is JSON but not a WhatsApp webhook. */
  public static final class NotAWebhook extends RuntimeException {
    public NotAWebhook(String message) {
      super(message);
    }
  }

  public static WebhookPayload from(JsonNode root) {
    if (!root.isObject() || !root.path("entry").isArray()) {
      throw new NotAWebhook("no entry[] array: not a WhatsApp webhook body");
    }
    List<InboundMessage> messages = new ArrayList<>();
    List<StatusUpdate> statuses = new ArrayList<>();
    for (JsonNode entry : root.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        JsonNode value = change.path("value");
        Map<String, String> names = new HashMap<>();
        for (JsonNode contact : value.path("contacts")) {
          names.put(
              contact.path("wa_id").asText(), textOrNull(contact.path("profile").path("name")));
        }
        for (JsonNode message : value.path("messages")) {
          messages.add(message(message, names));
        }
        for (JsonNode status : value.path("statuses")) {
          statuses.add(status(status));
        }
      }
    }
    return new WebhookPayload(List.copyOf(messages), List.copyOf(statuses));
  }

  private static InboundMessage message(JsonNode message, Map<String, String> names) {
    String from = required(message, "from");
    String id = required(message, "id");
    return new InboundMessage(from, names.get(from), id, readableBody(message), sentAt(message));
  }

  private static StatusUpdate status(JsonNode status) {
    JsonNode error = status.path("errors").path(0);
    String errorText =
        error.isMissingNode()
            ? null
            : (error.path("code").asText("?") + " " + error.path("title").asText("")).strip();
    return new StatusUpdate(
        required(status, "id"),
        required(status, "status"),
        errorText,
        textOrNull(status.path("biz_opaque_callback_data")));
  }

  /** Text as sent; every other type as a readable marker, never dropped. */
  static String readableBody(JsonNode message) {
    String type = message.path("type").asText("unknown");
    return switch (type) {
      case "text" -> message.path("text").path("body").asText("");
      case "button" -> message.path("button").path("text").asText("[button]");
      case "interactive" -> {
        JsonNode reply = message.path("interactive");
        JsonNode chosen =
            reply.has("button_reply") ? reply.path("button_reply") : reply.path("list_reply");
        yield chosen.path("title").asText("[interactive]");
      }
      case "image", "video", "document", "audio", "sticker" -> {
        String caption = message.path(type).path("caption").asText("");
        yield caption.isEmpty() ? "[" + type + "]" : "[" + type + "] " + caption;
      }
      default -> "[" + type + "]";
    };
  }

  /** Meta's send time; now when it is missing or outside what a timestamp column holds. */
  private static LocalDateTime sentAt(JsonNode message) {
    JsonNode ts = message.path("timestamp");
    long seconds = ts.isNumber() ? ts.asLong() : parseLong(ts.asText(""));
    Instant instant =
        seconds > 0 && seconds <= LATEST_EPOCH_SECOND
            ? Instant.ofEpochSecond(seconds)
            : Instant.now();
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String required(JsonNode node, String field) {
    String value = textOrNull(node.path(field));
    if (value == null || value.isBlank()) {
      throw new NotAWebhook("a message or status without \"" + field + "\"");
    }
    return value;
  }

  private static String textOrNull(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
