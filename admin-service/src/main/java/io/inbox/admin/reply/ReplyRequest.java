package io.inbox.admin.reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.inbox.admin.web.ClientMessageIds;
import io.inbox.admin.web.Params;

/**
 * An agent's reply as the client sends it: {@code {"body": "...", "clientMessageId": "<uuid>"}}.
 * The client makes {@code clientMessageId} once per message it means to send (a UUID is expected;
 * any printable string of 1 to {@value ClientMessageIds#MAX_LENGTH} characters is accepted) and
 * sends the same one again when it retries, so a retried request never sends the message twice.
 */
public record ReplyRequest(String body, String clientMessageId) {

  /** WhatsApp's limit for the text of one message. */
  public static final int MAX_BODY = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The request from its raw JSON; any flaw answers 400 naming the field. */
  static ReplyRequest parse(String raw) {
    JsonNode json;
    try {
      json = raw == null || raw.isBlank() ? null : JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw Params.badRequest(
          "request", "send a JSON object: {\"body\": \"<text>\", \"clientMessageId\": \"<uuid>\"}");
    }
    return new ReplyRequest(
        body(json.get("body")), ClientMessageIds.parse(json.get("clientMessageId")));
  }

  /** The same checks for a reply typed into the inbox UI's form. */
  public static ReplyRequest of(String body, String clientMessageId) {
    return new ReplyRequest(
        body(body == null ? null : TextNode.valueOf(body)),
        ClientMessageIds.parse(clientMessageId == null ? null : TextNode.valueOf(clientMessageId)));
  }

  private static String body(JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw Params.badRequest("body", "body must be the text of the reply, not empty");
    }
    String body = node.asText();
    int length = body.codePointCount(0, body.length());
    if (length > MAX_BODY) {
      throw Params.badRequest(
          "body",
          "body must be at most " + MAX_BODY + " characters (WhatsApp's limit), got " + length);
    }
    if (body.indexOf('\0') >= 0) {
      throw Params.badRequest("body", "body must not contain NUL characters");
    }
    return body;
  }
}
