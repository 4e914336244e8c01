package io.inbox.runner.outbound;

import io.inbox.runner.queue.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * When Meta throttles the number (130429, 131048, 80007, HTTP 429), every job would otherwise keep
 * calling on its own backoff schedule; a backlog of thousands would hammer a provider that already
 * said stop. This pauses all sends of this runner: 2 s after the first throttle, doubling while
 * throttles continue (capped by {@link Backoff}), cleared by the first successful send.
 */
@ApplicationScoped
public class ProviderThrottle {

  private final AtomicInteger strikes = new AtomicInteger();
  private final LongSupplier nanoTime;
  private final Counter pauses;
  private volatile long pausedUntilNanos;

  @Inject
  public ProviderThrottle(MeterRegistry registry) {
    this(System::nanoTime, registry);
  }

  /** Tests pass their own clock, so a pause ends without waiting for it. */
  ProviderThrottle(LongSupplier nanoTime, MeterRegistry registry) {
    this.nanoTime = nanoTime;
    this.pausedUntilNanos = nanoTime.getAsLong();
    this.pauses =
        Counter.builder("runner.provider.throttle.pauses")
            .description("Pauses of all sends because Meta throttled the number")
            .register(registry);
    Gauge.builder("runner.provider.throttle.paused", this, t -> t.remaining().isZero() ? 0 : 1)
        .description("1 while this runner's sends are paused by a throttle")
        .register(registry);
  }

  /**
   * Records a throttle answer; returns how long sends now pause. Answers to calls that were in
   * flight when the pause began belong to the same strike: only a call made after a pause ended and
   * throttled again doubles it.
   */
  public synchronized Duration throttled() {
    Duration left = remaining();
    if (!left.isZero()) {
      return left;
    }
    Duration pause =
        Backoff.after(strikes.incrementAndGet(), ThreadLocalRandom.current()::nextDouble);
    pausedUntilNanos = nanoTime.getAsLong() + pause.toNanos();
    pauses.increment();
    Log.warnf(
        "⏸️ [JOB-RUNNER] Provider throttled: pausing all sends for %s", Backoff.seconds(pause));
    return pause;
  }

  public void sent() {
    strikes.set(0);
  }

  /** Zero when sends may go out now. */
  public Duration remaining() {
    long left = pausedUntilNanos - nanoTime.getAsLong();
    // Mutation testing: "left >= 0" survives; it is the same (Duration.ofNanos(0) is ZERO).
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }
}
