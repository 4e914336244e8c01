package io.inbox.reliability;

/** Webhook bodies as Meta's Cloud API sends them. */
public final class Meta {

  private Meta() {}

  /**
   * A text message sent now, as Meta delivers one: its timestamp is when the customer wrote, and
   * the 24-hour window the runner keeps counts from it (an old fixed timestamp would be a message
   * the runner may no longer answer with text).
   */
  public static String text(String waId, String wamid, String text) {
    return text(waId, wamid, text, System.currentTimeMillis() / 1000);
  }

  /** A text message sent at {@code epochSeconds} (Meta's {@code timestamp}). */
  public static String text(String waId, String wamid, String text, long epochSeconds) {
    return envelope(
        """
        {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000","phone_number_id":"555"},
         "contacts":[{"profile":{"name":"Customer %s"},"wa_id":"%s"}],
         "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}
        """
            .formatted(waId, waId, waId, wamid, epochSeconds, text));
  }

  /** The status Meta sends for a message we sent, carrying our ledger id back. */
  static String sent(String wamid, String recipient, String callbackData) {
    return status(wamid, recipient, callbackData, "sent");
  }

  /**
   * A status ({@code sent}, {@code delivered}, {@code read}, {@code failed}) for a message we sent;
   * a failed one carries Meta's error.
   */
  static String status(String wamid, String recipient, String callbackData, String status) {
    String errors =
        "failed".equals(status)
            ? "\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\"}],"
            : "";
    return envelope(
        """
        {"messaging_product":"whatsapp","statuses":[{"id":"%s","status":"%s","timestamp":"1767225601",%s
          "recipient_id":"%s","biz_opaque_callback_data":"%s"}]}
        """
            .formatted(wamid, status, errors, recipient, callbackData));
  }

  private static String envelope(String value) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"waba\",\"changes\":[{\"field\":\"messages\",\"value\":"
        + value
        + "}]}]}";
  }
}
