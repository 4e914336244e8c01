package io.inbox.runner.pacing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Settings a test chooses, and a pacer of its own over the application's pool: another runner
 * replica as far as the database can tell.
 */
record Pacing(Duration pairInterval, Duration burst, Duration maxWait) implements PacingSettings {

  SendPacer pacer(Pool pool) {
    return new SendPacer(pool, this, new SimpleMeterRegistry());
  }

  /** The most of {@code nanoTimes} that fall in any one second (a window starting at each). */
  static int maxPerSecond(List<Long> nanoTimes) {
    List<Long> sorted = new ArrayList<>(nanoTimes);
    Collections.sort(sorted);
    int max = 0;
    int end = 0;
    for (int start = 0; start < sorted.size(); start++) {
      while (end < sorted.size() && sorted.get(end) - sorted.get(start) < 1_000_000_000L) {
        end++;
      }
      max = Math.max(max, end - start);
    }
    return max;
  }
}
