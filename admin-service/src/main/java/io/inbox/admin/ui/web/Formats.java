package io.inbox.admin.ui.web;

import io.inbox.admin.ui.session.UiSettings;
import io.inbox.domain.logging.PhoneMask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How the pages show times and phones ({@code inject:fmt} in templates). */
@ApplicationScoped
@Named("fmt")
public class Formats {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final UiSettings settings;

  public Formats(UiSettings settings) {
    this.settings = settings;
  }

  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant.atZone(settings.zone()));
  }

  /** The machine-readable form for {@code <time datetime>}. */
  public String iso(Instant instant) {
    return instant == null ? "" : instant.toString();
  }

  /** Agents see enough of the number to tell customers apart, not enough to copy it. */
  public String phone(String phone) {
    return PhoneMask.mask(phone);
  }
}
