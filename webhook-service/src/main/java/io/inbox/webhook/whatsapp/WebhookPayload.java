package io.inbox.webhook.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The parts of a Cloud API webhook we act on, from every {@code entry[].changes[].value}: one body
 * can batch many messages and statuses, and all of them count. Items are read one by one: a
 * malformed one is listed in {@code rejected} and never costs its neighbours their delivery (Meta
 * does not redeliver a body we answered 200).
 */
public record WebhookPayload(
    List<InboundMessage> messages, List<StatusUpdate> statuses, List<RejectedItem> rejected) {

  /** How far ahead of our clock a message's timestamp may be before it is taken as now. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /**
   * A customer's message, of any type ({@link InboundContent}). {@code phoneNumberId}: the business
   * number it was sent to (Meta's {@code metadata.phone_number_id}), null when the change has none.
   */
  public record InboundMessage(
      String waId,
      String contactName,
      String providerMessageId,
      InboundContent content,
      LocalDateTime sentAt,
      String phoneNumberId) {
    public String phone() {
      return waId.startsWith("+") ? waId : "+" + waId;
    }

    /** Readable for every type: the text, a caption, {@code [image]}, an emoji… */
    public String body() {
      return content.body();
    }
  }

  /** Delivery news about a message we sent. */
  public record StatusUpdate(
      String providerMessageId, String status, String error, String callbackData) {}

  /**
   * The messages in the order their rows are locked: by customer, and as Meta listed them within
   * one customer. A delivery holds its row locks until its one commit, so two deliveries naming the
   * same customers in opposite order would deadlock if each took them as listed.
   */
  public List<InboundMessage> messagesInLockOrder() {
    return messages.stream().sorted(Comparator.comparing(InboundMessage::phone)).toList();
  }

  /** The statuses by the message they are about, for the same reason. */
  public List<StatusUpdate> statusesInLockOrder() {
    return statuses.stream()
        .sorted(
            Comparator.comparing(
                StatusUpdate::providerMessageId, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
  }

  /** Thrown for a body that is JSON but not a WhatsApp webhook. */
  public static final class NotAWebhook extends RuntimeException {
    public NotAWebhook(String message) {
      super(message);
    }
  }

  /** {@code now}: what a missing or untrustworthy message timestamp becomes. */
  public static WebhookPayload from(JsonNode root, Instant now) {
    if (!root.isObject() || !root.path("entry").isArray()) {
      throw new NotAWebhook("no entry[] array: not a WhatsApp webhook body");
    }
    Reader reader = new Reader(now);
    reader.forEach(root, "entry", "", reader::entry);
    return new WebhookPayload(
        List.copyOf(reader.messages), List.copyOf(reader.statuses), List.copyOf(reader.rejected));
  }

  /** Walks one body, collecting what it can use and where what it cannot use sat. */
  private static final class Reader {

    private final Instant now;
    private final List<InboundMessage> messages = new ArrayList<>();
    private final List<StatusUpdate> statuses = new ArrayList<>();
    private final List<RejectedItem> rejected = new ArrayList<>();

    Reader(Instant now) {
      this.now = now;
    }

    void entry(JsonNode entry, String path) {
      if (isObject(entry, path)) {
        forEach(entry, "changes", path, this::change);
      }
    }

    /** Item paths leave out {@code .value}, which every change has: shorter, still unambiguous. */
    private void change(JsonNode change, String path) {
      if (!isObject(change, path)) {
        return;
      }
      JsonNode value = change.path("value");
      if (absent(value) || !isObject(value, path + ".value")) {
        return;
      }
      Map<String, String> names = new HashMap<>();
      forEach(
          value,
          "contacts",
          path,
          (contact, at) -> {
            if (isObject(contact, at)) {
              names.put(
                  contact.path("wa_id").asText(), textOrNull(contact.path("profile").path("name")));
            }
          });
      String phoneNumberId = textOrNull(value.path("metadata").path("phone_number_id"));
      forEach(value, "messages", path, (message, at) -> message(message, at, names, phoneNumberId));
      forEach(value, "statuses", path, this::status);
    }

    private void message(
        JsonNode message, String path, Map<String, String> names, String phoneNumberId) {
      if (!isObject(message, path)) {
        return;
      }
      String from = required(message, "from", path);
      String id = from == null ? null : required(message, "id", path);
      if (id == null) {
        return;
      }
      String malformed = InboundContent.malformedField(message);
      if (malformed != null) {
        rejected.add(RejectedItem.malformed(path, malformed));
        return;
      }
      messages.add(
          new InboundMessage(
              from,
              names.get(from),
              id,
              InboundContent.of(message),
              sentAt(message),
              phoneNumberId));
    }

    private void status(JsonNode status, String path) {
      if (!isObject(status, path)) {
        return;
      }
      String id = required(status, "id", path);
      String state = id == null ? null : required(status, "status", path);
      if (state == null) {
        return;
      }
      JsonNode error = status.path("errors").path(0);
      String errorText =
          error.isMissingNode()
              ? null
              : (error.path("code").asText("?") + " " + error.path("title").asText("")).strip();
      statuses.add(
          new StatusUpdate(
              id, state, errorText, textOrNull(status.path("biz_opaque_callback_data"))));
    }

    /**
     * Meta's send time; now when it is missing, unreadable, or more than {@link #CLOCK_SKEW} ahead
     * of us. A future time would pin the conversation's {@code lastInboundAt} (it only moves
     * forward) above every later message, and would not fit a timestamp column beyond year 9999.
     */
    private LocalDateTime sentAt(JsonNode message) {
      JsonNode ts = message.path("timestamp");
      long seconds = ts.isNumber() ? ts.asLong() : parseLong(ts.asText(""));
      boolean trusted = seconds > 0 && seconds <= now.plus(CLOCK_SKEW).getEpochSecond();
      return LocalDateTime.ofInstant(
          trusted ? Instant.ofEpochSecond(seconds) : now, ZoneOffset.UTC);
    }

    /** Each element of an optional array field, with its path; present but no array is rejected. */
    void forEach(
        JsonNode parent, String field, String parentPath, BiConsumer<JsonNode, String> each) {
      String path = parentPath.isEmpty() ? field : parentPath + "." + field;
      JsonNode array = parent.path(field);
      if (absent(array)) {
        return;
      }
      if (!array.isArray()) {
        rejected.add(RejectedItem.notAnArray(path));
        return;
      }
      for (int i = 0; i < array.size(); i++) {
        each.accept(array.get(i), path + "[" + i + "]");
      }
    }

    private boolean isObject(JsonNode node, String path) {
      if (!node.isObject()) {
        rejected.add(RejectedItem.notAnObject(path));
      }
      return node.isObject();
    }

    /** The field as text, or null (and the item rejected) when it is missing or blank. */
    private String required(JsonNode node, String field, String path) {
      String value = textOrNull(node.path(field));
      if (value == null || value.isBlank()) {
        rejected.add(RejectedItem.missing(path, field));
        return null;
      }
      return value;
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  private static String textOrNull(JsonNode node) {
    return absent(node) ? null : node.asText();
  }
}
