package io.inbox.admin.ui.notification;

import io.inbox.admin.ui.session.UiSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The snooze form's choice as an instant: an hour from now, tomorrow at 9:00, or the time typed
 * ({@code datetime-local}); local times are in the agents' zone ({@code admin.ui.zone}).
 */
@ApplicationScoped
public class SnoozeChoice {

  static final LocalTime MORNING = LocalTime.of(9, 0);

  private final UiSettings settings;

  public SnoozeChoice(UiSettings settings) {
    this.settings = settings;
  }

  ZoneId zone() {
    return settings.zone();
  }

  /** Null when the choice is unknown, the time unreadable or not in the future. */
  Instant until(String when, String at, Instant now) {
    Instant until =
        switch (when == null ? "" : when) {
          case "hour" -> now.plus(Duration.ofHours(1));
          case "tomorrow" ->
              now.atZone(zone())
                  .toLocalDate()
                  .plusDays(1)
                  .atTime(MORNING)
                  .atZone(zone())
                  .toInstant();
          case "at" -> local(at);
          default -> null;
        };
    return until != null && until.isAfter(now) ? until : null;
  }

  private Instant local(String at) {
    if (at == null || at.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(at.strip()).atZone(zone()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
