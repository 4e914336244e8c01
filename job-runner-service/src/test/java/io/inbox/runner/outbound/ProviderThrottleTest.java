package io.inbox.runner.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderThrottleTest {

  @Test
  void aBurstOfThrottledAnswersToCallsInFlightIsOneStrikeNotEight() {
    ProviderThrottle throttle = new ProviderThrottle();
    assertEquals(Duration.ZERO, throttle.remaining());

    Duration first = throttle.throttled();
    for (int i = 0; i < 7; i++) {
      throttle.throttled();
    }

    Duration left = throttle.remaining();
    assertTrue(first.toMillis() >= 1_600 && first.toMillis() <= 2_400, first.toString());
    assertTrue(left.compareTo(first) <= 0 && left.toMillis() > 1_000, left.toString());
  }
}
