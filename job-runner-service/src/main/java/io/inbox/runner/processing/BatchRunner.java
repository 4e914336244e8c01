package io.inbox.runner.processing;

import io.inbox.runner.RunnerSettings;
import io.inbox.runner.health.SchemaGate;
import io.inbox.runner.outbound.ProviderThrottle;
import io.inbox.runner.processing.JobProcessor.Result;
import io.inbox.runner.queue.ClaimedJob;
import io.inbox.runner.queue.JobQueue;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Claims and processes jobs: in batches for the cron and kick endpoints (which report counts), as a
 * pipeline for wake-ups and the poll. Keeps the leases of in-flight jobs fresh; on shutdown stops
 * claiming, lets in-flight jobs finish, and releases what is left.
 */
@ApplicationScoped
public class BatchRunner {

  /** The runbook's {@code jobRunnerResult}. */
  public record BatchResult(int processed, int failed) {}

  private final JobQueue queue;
  private final JobProcessor processor;
  private final RunnerSettings settings;
  private final JobMetrics metrics;

  /** A job this worker runs, and the moment (System.nanoTime) its lease stops being renewed. */
  private record InFlight(ClaimedJob job, long renewUntil) {}

  private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicBoolean claiming = new AtomicBoolean();
  private volatile boolean wanted;
  private volatile boolean maybeMore;
  private volatile boolean accepting = true;
  private final ProviderThrottle throttle;
  private final Vertx vertx;
  private final AtomicBoolean resumeScheduled = new AtomicBoolean();
  private volatile long nextRescueAt = System.nanoTime();
  private final Duration defaultJobTimeout;
  private final SchemaGate schema;
  private final JobScope scope;

  public BatchRunner(
      JobQueue queue,
      JobProcessor processor,
      RunnerSettings settings,
      JobMetrics metrics,
      ProviderThrottle throttle,
      Vertx vertx,
      SchemaGate schema,
      JobScope scope,
      @ConfigProperty(name = "quarkus.rest-client.whatsapp.read-timeout", defaultValue = "30000")
          long providerReadTimeoutMillis) {
    this.schema = schema;
    this.scope = scope;
    this.defaultJobTimeout = Duration.ofMillis(2 * providerReadTimeoutMillis).plusSeconds(5);
    this.throttle = throttle;
    this.vertx = vertx;
    this.queue = queue;
    this.processor = processor;
    this.settings = settings;
    this.metrics = metrics;
  }

  /**
   * One batch: what the cron and kick endpoints run and report. It runs to its end even when the
   * caller goes away (the CronJob's curl has a time limit): cancelling it would drop sends between
   * the provider's answer and their record.
   */
  public Uni<BatchResult> runBatch() {
    if (!accepting || !schema.open() || !throttle.remaining().isZero()) {
      return Uni.createFrom().item(new BatchResult(0, 0));
    }
    return detached(queue.claim(settings.batchSize()).flatMap(this::processAll));
  }

  /** Starts {@code work} now; cancelling the returned Uni does not cancel it. */
  private static <T> Uni<T> detached(Uni<T> work) {
    Uni<T> running = work.memoize().indefinitely();
    running.subscribe().with(ignored -> {}, ignored -> {});
    return running;
  }

  private Uni<BatchResult> processAll(List<ClaimedJob> jobs) {
    if (jobs.isEmpty()) {
      return Uni.createFrom().item(new BatchResult(0, 0));
    }
    announce(jobs);
    return Multi.createFrom()
        .iterable(jobs)
        .onItem()
        .transformToUni(this::bounded)
        .merge(settings.concurrency())
        .collect()
        .asList()
        .map(
            results ->
                new BatchResult(
                    results.size(),
                    (int)
                        results.stream()
                            .filter(r -> r != Result.DONE && r != Result.LEASE_LOST)
                            .count()));
  }

  /**
   * Drains the queue without blocking the caller (a NOTIFY, the safety poll) as a pipeline: up to
   * {@code concurrency} jobs run at once, and a freed slot claims the next job at once instead of
   * waiting for the slowest job of a batch. Wake-ups that arrive meanwhile fold into the next
   * claim.
   */
  public void runSoon() {
    wanted = true;
    fill();
  }

  private void fill() {
    if (!schema.open()) {
      wanted = true; // the gate wakes us when the schema is ready
      return;
    }
    if (pausedByThrottle()) {
      return;
    }
    int free = settings.concurrency() - active.get();
    if (!accepting || free <= 0 || !claiming.compareAndSet(false, true)) {
      return;
    }
    wanted = false;
    queue
        .claim(free, rescueDue())
        .subscribe()
        .with(
            jobs -> {
              if (!jobs.isEmpty()) {
                announce(jobs);
              }
              jobs.forEach(this::start);
              maybeMore = jobs.size() == free;
              claiming.set(false);
              if (maybeMore || wanted) {
                fill();
              }
            },
            failure -> {
              claiming.set(false);
              schema.sawFailure(failure);
              Log.errorf("❌ [JOB-RUNNER] Claim failed: %s", failure.getMessage());
            });
  }

  /** While Meta throttles us, nothing is claimed; one timer resumes the pipeline afterwards. */
  private boolean pausedByThrottle() {
    Duration left = throttle.remaining();
    if (left.isZero()) {
      return false;
    }
    wanted = true;
    if (resumeScheduled.compareAndSet(false, true)) {
      vertx.setTimer(
          Math.max(1, left.toMillis()),
          id -> {
            resumeScheduled.set(false);
            runSoon();
          });
    }
    return true;
  }

  /**
   * The pipeline claims many times a second; looking for expired leases every third of a lease is
   * enough to rescue a dead worker's jobs well within a minute.
   */
  private boolean rescueDue() {
    long now = System.nanoTime();
    if (now - nextRescueAt < 0) {
      return false;
    }
    nextRescueAt = now + settings.lease().toNanos() / 3;
    return true;
  }

  private void announce(List<ClaimedJob> jobs) {
    Log.infof("📦 [JOB-RUNNER] Processing %d job(s)", jobs.size());
    metrics.claimed(jobs.size());
  }

  private void start(ClaimedJob job) {
    active.incrementAndGet();
    bounded(job).subscribe().with(result -> finished(), failure -> finished());
  }

  /**
   * Processes a job within {@code runner.job-timeout}. Past it the job's slot is freed and its
   * lease no longer renewed, so another claim rescues it; its work is not cancelled (a send between
   * the provider's answer and its record must not be dropped) and every later write of it is
   * fenced.
   */
  private Uni<Result> bounded(ClaimedJob job) {
    Duration timeout = settings.jobTimeout().orElse(defaultJobTimeout);
    inFlight.put(job.id(), new InFlight(job, System.nanoTime() + timeout.toNanos()));
    return detached(scope.run(job, () -> processor.process(job)))
        .ifNoItem()
        .after(timeout)
        .recoverWithItem(
            () -> {
              Log.errorf(
                  "⏰ [JOB-RUNNER] Job %d still running after %s: freeing its slot; its lease is no"
                      + " longer renewed, so it will be rescued",
                  job.id(), timeout);
              metrics.timedOut();
              return Result.TIMED_OUT;
            })
        .eventually(() -> inFlight.remove(job.id()));
  }

  /**
   * With a backlog, claims wait until a quarter of the slots are free: one claim per job would cost
   * the database a statement and a commit per job for nothing.
   */
  private void finished() {
    int free = settings.concurrency() - active.decrementAndGet();
    if (wanted || (maybeMore && free >= Math.max(1, settings.concurrency() / 4))) {
      fill();
    }
  }

  /** The safety net behind LISTEN/NOTIFY ({@code runner.poll-interval=off} disables it). */
  @Scheduled(
      every = "${runner.poll-interval:10s}",
      delayed = "${runner.poll-delay:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    runSoon();
  }

  @Scheduled(
      every = "${runner.renew-interval:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> renewLeases() {
    long now = System.nanoTime();
    return queue.renew(
        inFlight.values().stream()
            .filter(running -> running.renewUntil() - now > 0)
            .map(running -> running.job().id())
            .toList());
  }

  void drainOnShutdown(@Observes ShutdownEvent shutdown) {
    accepting = false;
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (ClaimedJob job : inFlight.values().stream().map(InFlight::job).toList()) {
      Log.warnf("↩️ [JOB-RUNNER] Releasing job %d at shutdown", job.id());
      queue
          .retry(job, Duration.ZERO, "Released at shutdown", true)
          .await()
          .atMost(Duration.ofSeconds(5));
    }
  }
}
