package io.inbox.runner.outbound;

/**
 * The business number a message goes out from: Meta's phone number id and the access token of that
 * number's account. {@code toString} never shows the token.
 */
public record Sender(String phoneNumberId, String token) {

  @Override
  public String toString() {
    return "Sender[phoneNumberId=" + phoneNumberId + "]";
  }
}
