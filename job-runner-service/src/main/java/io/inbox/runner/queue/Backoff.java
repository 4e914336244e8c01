package io.inbox.runner.queue;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: about 2 s before the second attempt, 4 s before the third …,
 * capped. A pure function of the attempt and a random number, so it is tested without sleeping.
 */
public final class Backoff {

  private static final long BASE_MILLIS = 2_000;
  private static final long CAP_MILLIS = 5 * 60_000;

  /** ±20 %: replicas that failed together do not retry together. */
  private static final double JITTER = 0.2;

  private Backoff() {}

  /** Delay after failed attempt {@code attempt} (1-based); {@code random} in [0, 1). */
  public static Duration after(int attempt, DoubleSupplier random) {
    int exponent = Math.max(0, Math.min(attempt - 1, 20));
    long nominal = Math.min(CAP_MILLIS, BASE_MILLIS << exponent);
    double factor = 1 - JITTER + 2 * JITTER * random.getAsDouble();
    return Duration.ofMillis(Math.round(nominal * factor));
  }

  /** Rounded for the runbook's log line: {@code will retry in 2s}. */
  public static String seconds(Duration delay) {
    return Math.max(1, Math.round(delay.toMillis() / 1000.0)) + "s";
  }
}
