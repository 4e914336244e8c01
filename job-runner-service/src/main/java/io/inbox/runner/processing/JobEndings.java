package io.inbox.runner.processing;

import io.inbox.runner.RunnerSettings;
import io.inbox.runner.channel.SendingChannel;
import io.inbox.runner.processing.JobProcessor.Result;
import io.inbox.runner.queue.Backoff;
import io.inbox.runner.queue.ClaimedJob;
import io.inbox.runner.queue.JobQueue;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a job stops short of DONE, the same whichever path got it there: held while its channel is
 * paused, retried after a backoff, failed with operators told, or left to the worker that took its
 * lease.
 */
@ApplicationScoped
class JobEndings {

  /** The operator notification a failed job raises. */
  record Alert(String type, String title) {}

  private final JobQueue queue;
  private final Pool pool;
  private final RunnerSettings settings;

  JobEndings(JobQueue queue, Pool pool, RunnerSettings settings) {
    this.queue = queue;
    this.pool = pool;
    this.settings = settings;
  }

  Uni<Result> hold(ClaimedJob job, SendingChannel channel, String reason) {
    String why = "Channel " + channel.name() + " paused: " + reason;
    Log.infof("⏸️ [JOB-RUNNER] Job %d held: %s", job.id(), why);
    return queue
        .retry(job, settings.channelHold(), why, true)
        .map(ok -> ok ? Result.RETRYING : leaseLost(job));
  }

  Uni<Result> retryOrFail(ClaimedJob job, String error) {
    Log.errorf("❌ [JOB-RUNNER] Job %d failed: %s", job.id(), error);
    if (job.lastAttempt()) {
      return failFinally(job, error);
    }
    return retryAfter(
        job, error, Backoff.after(job.attempt(), ThreadLocalRandom.current()::nextDouble), false);
  }

  Uni<Result> retryAfter(ClaimedJob job, String error, Duration delay, boolean giveAttemptBack) {
    Log.infof(
        "🔄 [JOB-RUNNER] Job %d will retry in %s (attempt %d/%d)",
        job.id(), Backoff.seconds(delay), job.attempt(), job.maxAttempts());
    return queue
        .retry(job, delay, error, giveAttemptBack)
        .map(ok -> ok ? Result.RETRYING : leaseLost(job));
  }

  Uni<Result> failFinally(ClaimedJob job, String error) {
    Log.errorf("❌ [JOB-RUNNER] Job %d failed after %d attempts", job.id(), job.maxAttempts());
    return fail(
        job,
        error,
        new Alert("JOB_FAILED", "Reply failed after " + job.maxAttempts() + " attempts"));
  }

  Uni<Result> failNow(ClaimedJob job, String error, Alert alert) {
    Log.errorf("❌ [JOB-RUNNER] Job %d failed: %s", job.id(), error);
    return fail(
        job, error, alert == null ? new Alert("JOB_FAILED", "Reply could not be sent") : alert);
  }

  private Uni<Result> fail(ClaimedJob job, String error, Alert alert) {
    return queue
        .fail(job, error)
        .call(
            owned ->
                owned
                    ? queue.notifyOperators(
                        pool,
                        job.conversationId(),
                        alert.type(),
                        alert.title(),
                        "Job " + job.id() + ": " + error)
                    : Uni.createFrom().voidItem())
        .map(owned -> owned ? Result.FAILED : leaseLost(job));
  }

  static Result leaseLost(ClaimedJob job) {
    Log.warnf(
        "⚠️ [JOB-RUNNER] Job %d lease lost (epoch %d): another worker owns it now; stopping",
        job.id(), job.leaseEpoch());
    return Result.LEASE_LOST;
  }
}
