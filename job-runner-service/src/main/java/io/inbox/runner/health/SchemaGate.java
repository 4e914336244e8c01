package io.inbox.runner.health;

import io.inbox.domain.mismatch.DbMismatchExceptionMapper;
import io.inbox.domain.mismatch.MissingSchemaObject;
import io.inbox.runner.processing.BatchRunner;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Keeps the runner from claiming jobs while its readiness is DOWN (the schema lags the code, or the
 * database is away): a claimed job would only fail on a missing column and burn an attempt. Reads
 * the same check as {@code /q/health/ready}, every {@code runner.schema-check-interval}, and wakes
 * the runner when the schema catches up.
 */
@ApplicationScoped
public class SchemaGate {

  private final RunnerReadiness readiness;
  private final BatchRunner runner;
  private volatile boolean open;

  public SchemaGate(@Readiness RunnerReadiness readiness, BatchRunner runner) {
    this.readiness = readiness;
    this.runner = runner;
  }

  /** Whether jobs may be claimed; false until the first check passed. */
  public boolean open() {
    return open;
  }

  /** On the main thread, so the first cron call after start finds the gate decided. */
  /**
   * A statement failed: if on a missing column or table (the schema started lagging under a running
   * runner), stop claiming at once instead of at the next scheduled check, which reopens the gate
   * when the migration lands.
   */
  public void sawFailure(Throwable failure) {
    MissingSchemaObject.in(failure)
        .ifPresent(
            missing -> {
              if (open) {
                Log.warnf("⛔ [JOB-RUNNER] Not claiming jobs: %s", missing.logLine());
              }
              open = false;
            });
  }

  void onStart(@Observes StartupEvent start) {
    check().onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(10));
  }

  @Scheduled(
      every = "${runner.schema-check-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> check() {
    return readiness
        .schemaCheck()
        .invoke(
            response -> {
              if (!schemaVerdict(response)) {
                return; // the database did not answer: claims fail on their own, keep the verdict
              }
              boolean ready = response.getStatus() == HealthCheckResponse.Status.UP;
              boolean opened = ready && !open;
              if (open && !ready) {
                Log.warnf(
                    "⛔ [JOB-RUNNER] Not claiming jobs: readiness is DOWN %s",
                    response.getData().orElse(Map.of()));
              }
              open = ready;
              if (opened) {
                Log.info("✅ [JOB-RUNNER] Schema ready: claiming jobs");
                runner.runSoon();
              }
            })
        .replaceWithVoid();
  }

  /** Whether the check compared the schema (UP, or DOWN for drift) rather than failed to run. */
  private static boolean schemaVerdict(HealthCheckResponse response) {
    return response.getStatus() == HealthCheckResponse.Status.UP
        || DbMismatchExceptionMapper.MESSAGE.equals(
            response.getData().map(data -> data.get("reason")).orElse(null));
  }
}
