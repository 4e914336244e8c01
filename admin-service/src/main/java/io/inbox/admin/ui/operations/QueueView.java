package io.inbox.admin.ui.operations;

import io.inbox.admin.job.JobService;
import io.inbox.admin.web.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The queue at a glance from one page of QUEUED jobs: how many (shown as "200+" past the page) and
 * how long the oldest due one has waited, in minutes (null when none is due).
 */
public record QueueView(String depth, Long oldestDueMinutes) {

  /** The page read: enough to see a backlog, bounded like every list. */
  static final int SAMPLE = 200;

  static QueueView of(Page<JobService.View> queued, Instant now) {
    String depth = queued.items().size() + (queued.hasMore() ? "+" : "");
    Long oldest =
        queued.items().stream()
            .map(JobService.View::runAt)
            .filter(Objects::nonNull)
            .filter(runAt -> !runAt.isAfter(now))
            .min(Instant::compareTo)
            .map(runAt -> Duration.between(runAt, now).toMinutes())
            .orElse(null);
    return new QueueView(depth, oldest);
  }
}
