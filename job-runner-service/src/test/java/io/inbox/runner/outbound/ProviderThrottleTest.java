package io.inbox.runner.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProviderThrottleTest {

  @Test
  void aBurstOfThrottledAnswersToCallsInFlightIsOneStrikeNotEight() {
    MeterRegistry metrics = new SimpleMeterRegistry();
    ProviderThrottle throttle = new ProviderThrottle(metrics);
    assertEquals(Duration.ZERO, throttle.remaining());
    assertEquals(0.0, paused(metrics));

    Duration first = throttle.throttled();
    for (int i = 0; i < 7; i++) {
      Duration again = throttle.throttled();
      assertTrue(again.compareTo(first) <= 0 && again.toMillis() > 1_000, again.toString());
    }

    Duration left = throttle.remaining();
    assertTrue(first.toMillis() >= 1_600 && first.toMillis() <= 2_400, first.toString());
    assertTrue(left.compareTo(first) <= 0 && left.toMillis() > 1_000, left.toString());
    assertEquals(1.0, pauses(metrics), "one pause");
    assertEquals(1.0, paused(metrics));
  }

  @Test
  void aPauseDoublesWhileMetaKeepsThrottlingAndASendClearsIt() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    MeterRegistry metrics = new SimpleMeterRegistry();
    ProviderThrottle throttle = new ProviderThrottle(now::get, metrics);

    assertBetween(1_600, 2_400, throttle.throttled());
    now.addAndGet(throttle.remaining().toNanos());
    assertEquals(Duration.ZERO, throttle.remaining(), "the pause is over");
    assertEquals(0.0, paused(metrics));

    assertBetween(3_200, 4_800, throttle.throttled());
    now.addAndGet(throttle.remaining().toNanos() - 1);
    assertEquals(Duration.ofNanos(1), throttle.remaining());
    now.incrementAndGet();
    assertBetween(6_400, 9_600, throttle.throttled());
    now.addAndGet(throttle.remaining().toNanos());

    throttle.sent();
    assertEquals(Duration.ZERO, throttle.remaining(), "a send does not pause");
    assertBetween(1_600, 2_400, throttle.throttled());
    assertEquals(4.0, pauses(metrics));
  }

  private static double pauses(MeterRegistry metrics) {
    return metrics.get("runner.provider.throttle.pauses").counter().count();
  }

  private static double paused(MeterRegistry metrics) {
    return metrics.get("runner.provider.throttle.paused").gauge().value();
  }

  private static void assertBetween(long minMillis, long maxMillis, Duration actual) {
    assertTrue(
        actual.toMillis() >= minMillis && actual.toMillis() <= maxMillis,
        actual + " not in [" + minMillis + ", " + maxMillis + "] ms");
  }
}
