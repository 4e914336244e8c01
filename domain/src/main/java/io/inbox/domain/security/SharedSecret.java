package io.inbox.domain.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Compares a presented secret with the configured one in constant time. */
public final class SharedSecret {

  private SharedSecret() {}

  /** False when either side is missing or empty: an unset secret never authorises anything. */
  public static boolean matches(String presented, String expected) {
    if (presented == null || expected == null || expected.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
