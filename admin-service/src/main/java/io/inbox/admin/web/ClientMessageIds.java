package io.inbox.admin.web;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The key that makes an outbound message exactly-once: the client makes {@code clientMessageId}
 * once per message it means to send (a UUID is expected; any printable string of 1 to {@value
 * #MAX_LENGTH} characters is accepted) and sends the same one again when it retries. One check for
 * every request that queues a message (a reply, a template).
 */
public final class ClientMessageIds {

  public static final int MAX_LENGTH = 100;

  private ClientMessageIds() {}

  /** The id, or a 400 naming {@code clientMessageId}. */
  public static String parse(JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw Params.badRequest(
          "clientMessageId",
          "clientMessageId is required: a UUID the client makes once per message and repeats"
              + " when it retries");
    }
    String id = node.asText();
    if (id.length() > MAX_LENGTH || id.codePoints().anyMatch(Character::isISOControl)) {
      throw Params.badRequest(
          "clientMessageId",
          "clientMessageId must be at most "
              + MAX_LENGTH
              + " printable characters (a UUID is expected)");
    }
    return id;
  }
}
