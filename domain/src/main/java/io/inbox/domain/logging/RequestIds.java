package io.inbox.domain.logging;

import java.security.SecureRandom;
import java.time.Clock;

/** Request ids in the runbook's form: {@code webhook_1234567890_abc123}, {@code cron_…}. */
public final class RequestIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private RequestIds() {}

  public static String next(String prefix) {
    return next(prefix, Clock.systemUTC());
  }

  public static String next(String prefix, Clock clock) {
    StringBuilder id = new StringBuilder(prefix).append('_').append(clock.millis()).append('_');
    for (int i = 0; i < 6; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
