package io.inbox.runner.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Deletes what the inbox no longer needs, a batch at a time: stored webhook bodies (personal data)
 * after WEBHOOK_EVENT_RETENTION, closed ledger rows after RUNNER_LEDGER_RETENTION, then DONE jobs
 * after RUNNER_JOB_RETENTION. Every runner runs it; SKIP LOCKED lets them share a run.
 */
@ApplicationScoped
public class Retention {

  /**
   * The least a DONE job is kept. Meta redelivers a webhook for up to 7 days, and the webhook
   * enqueues a reply for a message it already has unless that message's job still exists (the job's
   * unique inboundProviderMessageId is the dedupe; the Message row alone is not). A job deleted
   * within Meta's window could therefore be answered twice; a day's margin on top of the 7.
   */
  static final Duration REDELIVERY_FLOOR = Duration.ofDays(8);

  private final Pool pool;
  private final RetentionSettings settings;
  private final Duration jobAge;
  private final Counter webhookEvents;
  private final Counter ledger;
  private final Counter jobs;

  public Retention(Pool pool, RetentionSettings settings, MeterRegistry registry) {
    this.pool = pool;
    this.settings = settings;
    this.jobAge = floored(settings.jobs());
    this.webhookEvents = pruned(registry, "WebhookEvent");
    this.ledger = pruned(registry, "OutboundMessageLog");
    this.jobs = pruned(registry, "OutboundJob");
  }

  private static Duration floored(Duration configured) {
    if (configured.compareTo(REDELIVERY_FLOOR) >= 0) {
      return configured;
    }
    Log.warnf(
        "⚠️ [RETENTION] RUNNER_JOB_RETENTION=%s is inside Meta's 7-day redelivery window; keeping"
            + " DONE jobs %s instead",
        configured, REDELIVERY_FLOOR);
    return REDELIVERY_FLOOR;
  }

  private static Counter pruned(MeterRegistry registry, String table) {
    return Counter.builder("runner.retention.pruned")
        .description("Rows deleted by retention")
        .tag("table", table)
        .register(registry);
  }

  @Scheduled(
      every = "${retention.interval:1h}",
      delayed = "2m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> runOnSchedule() {
    return run().replaceWithVoid();
  }

  /** One run over the three tables (ledger before jobs: a job goes once its rows are gone). */
  Uni<Pruned> run() {
    return prune(RetentionSql.WEBHOOK_EVENTS, settings.webhookEvents(), webhookEvents)
        .flatMap(
            events ->
                prune(RetentionSql.LEDGER, settings.ledger(), ledger)
                    .flatMap(
                        rows ->
                            prune(RetentionSql.JOBS, jobAge, jobs)
                                .map(done -> new Pruned(events, rows, done))))
        .invoke(
            pruned ->
                Log.infof(
                    "🧹 [RETENTION] Deleted %d webhook events (> %s), %d ledger rows (> %s), %d"
                        + " jobs (> %s)",
                    pruned.webhookEvents(),
                    days(settings.webhookEvents()),
                    pruned.ledgerRows(),
                    days(settings.ledger()),
                    pruned.jobs(),
                    days(jobAge)))
        .onFailure()
        .recoverWithItem(
            failure -> {
              Log.warnf("⚠️ [RETENTION] Run failed, next one retries: %s", failure.getMessage());
              return new Pruned(0, 0, 0);
            });
  }

  private static String days(Duration age) {
    return age.toHoursPart() == 0 && age.toMinutesPart() == 0 && age.toSecondsPart() == 0
        ? age.toDays() + "d"
        : age.toString();
  }

  private Uni<Long> prune(String sql, Duration age, Counter counter) {
    return batch(sql, Tuple.of(age.toMillis() / 1000.0, settings.batchSize()), counter, 0);
  }

  /** Batch after batch, each its own short transaction, until one comes back short. */
  private Uni<Long> batch(String sql, Tuple args, Counter counter, long deletedSoFar) {
    return pool.preparedQuery(sql)
        .execute(args)
        .flatMap(
            rows -> {
              counter.increment(rows.rowCount());
              long deleted = deletedSoFar + rows.rowCount();
              return rows.rowCount() < settings.batchSize()
                  ? Uni.createFrom().item(deleted)
                  : batch(sql, args, counter, deleted);
            });
  }

  /** What one run deleted. */
  record Pruned(long webhookEvents, long ledgerRows, long jobs) {}
}
