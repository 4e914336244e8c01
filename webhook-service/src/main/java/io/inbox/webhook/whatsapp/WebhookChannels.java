package io.inbox.webhook.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The business numbers a delivery is for ({@code value.metadata.phone_number_id} of its changes),
 * for the {@code channel} log field: one number, or several joined by commas when Meta batched
 * changes of more than one.
 */
final class WebhookChannels {

  private WebhookChannels() {}

  /** Null when the body names no number. */
  static String of(JsonNode root) {
    Set<String> numbers = new LinkedHashSet<>();
    for (JsonNode entry : root.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        JsonNode number = change.path("value").path("metadata").path("phone_number_id");
        if (number.isTextual() && !number.asText().isBlank()) {
          numbers.add(number.asText());
        }
      }
    }
    return numbers.isEmpty() ? null : String.join(",", numbers);
  }
}
