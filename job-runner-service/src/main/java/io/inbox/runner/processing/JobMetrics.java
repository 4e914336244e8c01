package io.inbox.runner.processing;

import io.inbox.runner.outbound.ProviderFailure;
import io.inbox.runner.processing.JobProcessor.Result;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What every job adds to the metrics: {@code runner_jobs_total{result}}, {@code
 * runner_jobs_duration{outcome}}, {@code runner_jobs_claimed_total}, {@code
 * runner_jobs_rescued_total} and {@code runner_provider_calls{outcome}}. Each meter is looked up in
 * the registry once and kept: building a meter's id and finding it again for every job took a
 * twentieth of the runner's Java CPU when draining a backlog.
 */
@ApplicationScoped
public class JobMetrics {

  private final MeterRegistry registry;
  private final Counter claimed;
  private final Counter rescued;
  private final Map<Result, Counter> ended = new ConcurrentHashMap<>();
  private final Map<Result, Timer> durations = new ConcurrentHashMap<>();
  private final Map<String, Timer> providerCalls = new ConcurrentHashMap<>();

  public JobMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.claimed = registry.counter("runner.jobs.claimed");
    this.rescued = registry.counter("runner.jobs.rescued");
  }

  void claimed(int jobs) {
    claimed.increment(jobs);
  }

  void rescued() {
    rescued.increment();
  }

  /** {@code started}: the job's {@link System#nanoTime()} when its processing began. */
  void ended(Result result, long started) {
    count(result);
    durations
        .computeIfAbsent(
            result,
            r ->
                Timer.builder("runner.jobs.duration")
                    .description("Time to process a claimed job, by its outcome")
                    .tag("outcome", r.name())
                    .register(registry))
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }

  /** Its slot freed while it still runs: counted, not timed (it has not ended). */
  void timedOut() {
    count(Result.TIMED_OUT);
  }

  private void count(Result result) {
    ended
        .computeIfAbsent(result, r -> registry.counter("runner.jobs", "result", r.name()))
        .increment();
  }

  /** {@code failure}: null when the provider accepted the message. */
  void providerCall(long started, Throwable failure) {
    providerCalls
        .computeIfAbsent(
            ProviderFailure.outcome(failure),
            o -> Timer.builder("runner.provider.calls").tag("outcome", o).register(registry))
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }
}
