package io.inbox.admin.events;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the InboxEvent log to {@code admin.inbox-events.retention}: batches of {@code
 * admin.inbox-events.prune-batch} rows, repeated while they come back full. Every admin instance
 * prunes; two doing it at once only find fewer rows.
 */
@ApplicationScoped
public class InboxEventPruner {

  private final InboxEventStore store;
  private final InboxEventSettings settings;

  public InboxEventPruner(InboxEventStore store, InboxEventSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  @Scheduled(
      every = "${admin.inbox-events.prune-every:1m}",
      delayed = "${admin.inbox-events.prune-every:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> prune() {
    return pruneFrom(0)
        .invoke(
            deleted -> {
              if (deleted > 0) {
                Log.infof(
                    "🧹 [EVENTS] pruned %d inbox events older than %s",
                    deleted, settings.retention());
              }
            })
        .replaceWithVoid();
  }

  /** Batches until one comes back short; returns the total deleted. */
  private Uni<Integer> pruneFrom(int deletedSoFar) {
    int batch = settings.pruneBatch();
    return store
        .pruneBatch(settings.retention(), batch)
        .flatMap(
            deleted ->
                deleted == batch
                    ? pruneFrom(deletedSoFar + deleted)
                    : Uni.createFrom().item(deletedSoFar + deleted));
  }
}
