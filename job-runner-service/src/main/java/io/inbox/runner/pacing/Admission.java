package io.inbox.runner.pacing;

import java.time.Duration;

/**
 * Whether the provider may be called now; when not, {@code retryAfter} is how long until the
 * channel or the recipient would have a slot.
 */
public record Admission(boolean admitted, Duration retryAfter) {

  static final Admission NOW = new Admission(true, Duration.ZERO);

  static Admission later(Duration retryAfter) {
    return new Admission(false, retryAfter);
  }
}
