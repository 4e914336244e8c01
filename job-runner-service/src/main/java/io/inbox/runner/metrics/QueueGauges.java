package io.inbox.runner.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queue depth and the age of the oldest due job, read from the database every few seconds (the
 * queue is shared by all replicas, so no replica's own counters can say this).
 */
@ApplicationScoped
public class QueueGauges {

  private static final String DEPTH =
      """
      SELECT count(*) AS "due",
             COALESCE(EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC') - min("runAt")), 0)::bigint AS "oldestSeconds"
        FROM "OutboundJob"
       WHERE "status" = 'QUEUED' AND "runAt" <= (now() AT TIME ZONE 'UTC')
      """;

  private final Pool pool;
  private final AtomicLong due = new AtomicLong();
  private final AtomicLong oldestSeconds = new AtomicLong();

  public QueueGauges(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    Gauge.builder("runner.queue.due", due, AtomicLong::get)
        .description("QUEUED jobs whose time has come")
        .register(registry);
    Gauge.builder("runner.queue.oldest.due.seconds", oldestSeconds, AtomicLong::get)
        .description("How long the oldest due job has waited")
        .register(registry);
  }

  @Scheduled(
      every = "${runner.gauge-interval:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return pool.query(DEPTH)
        .execute()
        .invoke(
            rows -> {
              var row = rows.iterator().next();
              due.set(row.getLong("due"));
              oldestSeconds.set(row.getLong("oldestSeconds"));
            })
        .replaceWithVoid()
        .onFailure()
        .recoverWithNull();
  }
}
