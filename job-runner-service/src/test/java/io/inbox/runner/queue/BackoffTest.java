package io.inbox.runner.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void firstRetryIsAboutTwoSecondsWithTwentyPercentJitter() {
    assertEquals(Duration.ofMillis(1_600), Backoff.after(1, () -> 0.0));
    assertEquals(Duration.ofMillis(2_000), Backoff.after(1, () -> 0.5));
    assertEquals(Duration.ofMillis(2_400), Backoff.after(1, () -> 1.0));
    assertEquals("2s", Backoff.seconds(Backoff.after(1, () -> 0.5)));
  }

  @Test
  void doublesEachAttemptUpToFiveMinutes() {
    assertEquals(Duration.ofSeconds(4), Backoff.after(2, () -> 0.5));
    assertEquals(Duration.ofSeconds(8), Backoff.after(3, () -> 0.5));
    assertEquals(Duration.ofMinutes(5), Backoff.after(30, () -> 0.5));
  }
}
