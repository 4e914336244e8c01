package io.inbox.runner.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ledger rows whose send may or may not have reached the customer (UNKNOWN): waiting for Meta's
 * status, or given up on and waiting for a person (docs/operations.md, "UNKNOWN sends"). Read from
 * the database, the same on every runner. Once a minute, not with the queue gauges: no index serves
 * it, and retention keeps the ledger to a month of sends.
 */
@ApplicationScoped
public class UnknownSendsGauge {

  private static final String UNKNOWN =
      """
      SELECT count(*) AS "unknown" FROM "OutboundMessageLog" WHERE "status" = 'UNKNOWN'
      """;

  private final Pool pool;
  private final AtomicLong unknown = new AtomicLong();

  public UnknownSendsGauge(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    Gauge.builder("runner.ledger.unknown", unknown, AtomicLong::get)
        .description("Ledger rows in status UNKNOWN: sends Meta has not confirmed or refused")
        .register(registry);
  }

  @Scheduled(
      every = "${runner.ledger-gauge-interval:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> refresh() {
    return pool.query(UNKNOWN)
        .execute()
        .invoke(rows -> unknown.set(rows.iterator().next().getLong("unknown")))
        .replaceWithVoid()
        .onFailure()
        .recoverWithNull();
  }
}
