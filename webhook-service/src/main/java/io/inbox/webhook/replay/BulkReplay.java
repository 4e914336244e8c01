package io.inbox.webhook.replay;

import java.time.Instant;
import java.util.List;

/** The answer to a bulk replay: its range, the tally, and every event's result, oldest first. */
public record BulkReplay(
    Instant from,
    Instant to,
    boolean onlyFailed,
    long replayed,
    long unchanged,
    long failed,
    List<ReplayResult> events) {

  static BulkReplay of(Instant from, Instant to, boolean onlyFailed, List<ReplayResult> events) {
    return new BulkReplay(
        from,
        to,
        onlyFailed,
        count(events, ReplayResult.Outcome.REPLAYED),
        count(events, ReplayResult.Outcome.UNCHANGED),
        count(events, ReplayResult.Outcome.FAILED),
        events);
  }

  static long count(List<ReplayResult> events, ReplayResult.Outcome outcome) {
    return events.stream().filter(e -> e.outcome() == outcome).count();
  }
}
