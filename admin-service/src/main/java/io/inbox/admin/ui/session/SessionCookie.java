package io.inbox.admin.ui.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The session cookie's value: {@code base64url(agent) . expiry-epoch-seconds . signature}. It holds
 * no server state, so any admin pod can check it; it cannot be extended or renamed without the key.
 */
public final class SessionCookie {

  public static final String NAME = "inbox_session";

  private SessionCookie() {}

  public static String issue(SessionKey key, String agent, Instant expiresAt) {
    String payload =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(agent.getBytes(StandardCharsets.UTF_8))
            + "."
            + expiresAt.getEpochSecond();
    return payload + "." + key.sign(payload);
  }

  /** The agent's name, or null when the value is malformed, forged or expired at {@code now}. */
  public static String agent(SessionKey key, String value, Instant now) {
    if (value == null) {
      return null;
    }
    int last = value.lastIndexOf('.');
    int first = value.indexOf('.');
    if (first <= 0 || last <= first) {
      return null;
    }
    String payload = value.substring(0, last);
    if (!key.verify(payload, value.substring(last + 1))) {
      return null;
    }
    try {
      long expiry = Long.parseLong(value.substring(first + 1, last));
      if (!now.isBefore(Instant.ofEpochSecond(expiry))) {
        return null;
      }
      return new String(
          Base64.getUrlDecoder().decode(value.substring(0, first)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
