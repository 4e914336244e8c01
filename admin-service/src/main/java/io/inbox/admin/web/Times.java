package io.inbox.admin.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The database keeps UTC without a zone (as Prisma did); the API speaks ISO-8601 instants. */
public final class Times {

  private Times() {}

  public static Instant instant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  public static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  public static LocalDateTime now(Clock clock) {
    return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
  }
}
