package io.inbox.runner.orchestrator.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The model's answer, checked: exactly one JSON object {@code {"reply": "…", "handover":
 * true|false, "reason": "…"}} with a non-blank reply. Anything else is invalid output and the rules
 * answer.
 */
public record ModelAnswer(String reply, boolean handover, String reason) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Empty when the text is not such an object. */
  public static Optional<ModelAnswer> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(withoutFence(text.strip()));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (answer == null || !answer.isObject()) {
      return Optional.empty();
    }
    JsonNode reply = answer.path("reply");
    JsonNode handover = answer.path("handover");
    JsonNode reason = answer.path("reason");
    if (!reply.isTextual() || reply.asText().isBlank() || !handover.isBoolean()) {
      return Optional.empty();
    }
    if (!reason.isMissingNode() && !reason.isNull() && !reason.isTextual()) {
      return Optional.empty();
    }
    return Optional.of(
        new ModelAnswer(
            reply.asText().strip(),
            handover.asBoolean(),
            reason.isTextual() ? reason.asText() : null));
  }

  /** Some local models wrap JSON in a Markdown code fence even when asked not to. */
  private static String withoutFence(String text) {
    // "<= 6" (pitest) is the same: "``````" has an empty inside, which is no JSON either way.
    if (!text.startsWith("```") || !text.endsWith("```") || text.length() < 6) {
      return text;
    }
    String inner = text.substring(3, text.length() - 3);
    return inner.startsWith("json") ? inner.substring(4) : inner;
  }
}
