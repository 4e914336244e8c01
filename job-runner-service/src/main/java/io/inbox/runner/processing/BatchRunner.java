package io.inbox.runner.processing;

import io.inbox.runner.RunnerSettings;
import io.inbox.runner.outbound.ProviderThrottle;
import io.inbox.runner.processing.JobProcessor.Result;
import io.inbox.runner.queue.ClaimedJob;
import io.inbox.runner.queue.JobQueue;
import io.micrometer.core.instrument.MeterRegistry;
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
  private final MeterRegistry metrics;
  private final Map<Long, ClaimedJob> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicBoolean claiming = new AtomicBoolean();
  private volatile boolean wanted;
  private volatile boolean maybeMore;
  private volatile boolean accepting = true;
  private final ProviderThrottle throttle;
  private final Vertx vertx;
  private final AtomicBoolean resumeScheduled = new AtomicBoolean();
  private volatile long nextRescueAt = System.nanoTime();

  public BatchRunner(
      JobQueue queue,
      JobProcessor processor,
      RunnerSettings settings,
      MeterRegistry metrics,
      ProviderThrottle throttle,
      Vertx vertx) {
    this.throttle = throttle;
    this.vertx = vertx;
    this.queue = queue;
    this.processor = processor;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** One batch: what the cron and kick endpoints run and report. */
  public Uni<BatchResult> runBatch() {
    if (!accepting || !throttle.remaining().isZero()) {
      return Uni.createFrom().item(new BatchResult(0, 0));
    }
    return queue.claim(settings.batchSize()).flatMap(this::processAll);
  }

  private Uni<BatchResult> processAll(List<ClaimedJob> jobs) {
    if (jobs.isEmpty()) {
      return Uni.createFrom().item(new BatchResult(0, 0));
    }
    announce(jobs);
    jobs.forEach(job -> inFlight.put(job.id(), job));
    return Multi.createFrom()
        .iterable(jobs)
        .onItem()
        .transformToUni(job -> processor.process(job).eventually(() -> inFlight.remove(job.id())))
        .merge(settings.concurrency())
        .collect()
        .asList()
        .map(
            results ->
                new BatchResult(
                    results.size(),
                    (int)
                        results.stream()
                            .filter(r -> r == Result.RETRYING || r == Result.FAILED)
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
    metrics.counter("runner.jobs.claimed").increment(jobs.size());
  }

  private void start(ClaimedJob job) {
    active.incrementAndGet();
    inFlight.put(job.id(), job);
    processor.process(job).subscribe().with(result -> finished(job), failure -> finished(job));
  }

  /**
   * With a backlog, claims wait until a quarter of the slots are free: one claim per job would cost
   * the database a statement and a commit per job for nothing.
   */
  private void finished(ClaimedJob job) {
    inFlight.remove(job.id());
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
    return queue.renew(List.copyOf(inFlight.keySet()));
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
    for (ClaimedJob job : List.copyOf(inFlight.values())) {
      Log.warnf("↩️ [JOB-RUNNER] Releasing job %d at shutdown", job.id());
      queue
          .retry(job, Duration.ZERO, "Released at shutdown", true)
          .await()
          .atMost(Duration.ofSeconds(5));
    }
  }
}
