package io.inbox.runner.processing;

import static io.inbox.runner.processing.JobEndings.leaseLost;

import io.inbox.domain.channel.ChannelTokens;
import io.inbox.domain.queue.JobKind;
import io.inbox.domain.queue.LedgerStatus;
import io.inbox.runner.RunnerSettings;
import io.inbox.runner.channel.ChannelPauses;
import io.inbox.runner.outbound.LedgerEntry;
import io.inbox.runner.outbound.OutboundLedger;
import io.inbox.runner.outbound.ProviderFailure;
import io.inbox.runner.outbound.ProviderThrottle;
import io.inbox.runner.outbound.SendDecision;
import io.inbox.runner.outbound.Sender;
import io.inbox.runner.processing.JobEndings.Alert;
import io.inbox.runner.processing.JobProcessor.Result;
import io.inbox.runner.queue.ClaimedJob;
import io.inbox.runner.queue.JobContext;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A send that did not surely reach the customer: refused by Meta, never made (the number paused),
 * or of unknown outcome. Each leaves its ledger row saying so, and the job retried, held, waiting
 * for Meta's status or failed, as {@link SendDecision} rules.
 */
@ApplicationScoped
class SendFailures {

  /** Meta's per-recipient pair limit: wait about this long, as its docs advise. */
  private static final Duration PAIR_LIMIT_PAUSE = Duration.ofSeconds(6);

  private final OutboundLedger ledger;
  private final ProviderThrottle throttle;
  private final RunnerSettings settings;
  private final ChannelPauses pauses;
  private final JobEndings endings;

  SendFailures(
      OutboundLedger ledger,
      ProviderThrottle throttle,
      RunnerSettings settings,
      ChannelPauses pauses,
      JobEndings endings) {
    this.ledger = ledger;
    this.throttle = throttle;
    this.settings = settings;
    this.pauses = pauses;
    this.endings = endings;
  }

  /** {@code reengage}: the reply's re-engagement template, for a window Meta says has closed. */
  Uni<Result> providerFailed(
      ClaimedJob job,
      JobContext ctx,
      LedgerEntry entry,
      Outgoing out,
      Sender from,
      ProviderFailure failure,
      Supplier<Uni<Result>> reengage) {
    String error = "Failed to send outbound: " + failure.getMessage();
    if (failure.kind() == ProviderFailure.Kind.THROTTLED) {
      throttle.throttled();
    }
    SendDecision.AfterFailure next = SendDecision.afterFailure(failure.kind());
    if (next.job() == SendDecision.JobMove.AWAIT_STATUS) {
      return awaitStatus(
          job,
          entry,
          next.ledgerStatus(),
          failure.getMessage(),
          error + " (outcome unknown)",
          settings.reconcileTimeout());
    }
    if (next.job() == SendDecision.JobMove.PAUSE_CHANNEL) {
      return pauseChannel(
          job,
          ctx,
          entry,
          failure.getMessage(),
          failure.code(),
          ChannelTokens.fingerprint(from.token()));
    }
    if (next.job() == SendDecision.JobMove.FAIL_REENGAGEMENT
        && job.kind() == JobKind.REPLY
        && out.template() == null
        && ctx.reengagement() != null) {
      // Meta says the window closed though our clock said open (skew): the template path, once
      // (its own ledger entry; a template is never answered 131047).
      return ledger
          .settle(entry, next.ledgerStatus(), failure.getMessage())
          .flatMap(ignored -> reengage.get());
    }
    return ledger
        .settle(entry, next.ledgerStatus(), failure.getMessage())
        .flatMap(
            ignored ->
                switch (next.job()) {
                  case PAIR_PAUSE -> endings.retryAfter(job, error, PAIR_LIMIT_PAUSE, true);
                  case FAIL_REENGAGEMENT ->
                      endings.failNow(job, error, ClosedWindow.reengagementRequired(ctx));
                  case FAIL -> endings.failNow(job, error, null);
                  case RETRY, AWAIT_STATUS, PAUSE_CHANNEL -> endings.retryOrFail(job, error);
                });
  }

  /**
   * Meta refuses the number itself (its token expired or was revoked, its account is locked):
   * nothing went out, so the ledger row goes back to PENDING; the channel pauses (one notification
   * for all its jobs) and this job waits with it, its attempt given back.
   */
  Uni<Result> pauseChannel(
      ClaimedJob job,
      JobContext ctx,
      LedgerEntry entry,
      String reason,
      String code,
      String tokenFingerprint) {
    return ledger
        .settle(entry, LedgerStatus.PENDING, reason)
        .flatMap(ignored -> pauses.pause(ctx.channel(), reason, code, tokenFingerprint))
        .flatMap(ignored -> endings.hold(job, ctx.channel(), reason));
  }

  /**
   * The send may have gone out: wait for Meta's status webhook (it closes the ledger row and wakes
   * the job) or the reconcile window, never resend blindly.
   */
  Uni<Result> awaitStatus(
      ClaimedJob job,
      LedgerEntry entry,
      LedgerStatus status,
      String ledgerError,
      String jobError,
      Duration wait) {
    return ledger
        .awaitStatus(entry, job, status, ledgerError, jobError, wait)
        .map(
            now -> {
              if (now.isEmpty()) {
                return leaseLost(job);
              }
              boolean closed = now.get() == LedgerStatus.SENT || now.get() == LedgerStatus.FAILED;
              Log.infof(
                  closed
                      ? "📬 [OUTBOUND-IDEMPOTENCY] logId=%d closed by Meta's status meanwhile: job %d due now"
                      : "⏳ [OUTBOUND-IDEMPOTENCY] logId=%d outcome unknown; job %d waits %ss for Meta's status before any resend",
                  entry.id(),
                  job.id(),
                  wait.toSeconds());
              return Result.RETRYING;
            });
  }

  /**
   * Every allowed send went unconfirmed: sending again could reach the customer twice, not sending
   * could leave them without a reply. A person decides; the row stays UNKNOWN.
   */
  Uni<Result> giveUp(ClaimedJob job, LedgerEntry entry) {
    String error =
        "Send outcome unknown after "
            + entry.attempts()
            + " sends without a status from Meta (ledger id "
            + entry.id()
            + ")";
    return ledger
        .settle(entry, LedgerStatus.UNKNOWN, error)
        .flatMap(
            v ->
                endings.failNow(
                    job,
                    error,
                    new Alert(
                        "SEND_UNCONFIRMED",
                        "Reply may or may not have reached the customer (ledger id "
                            + entry.id()
                            + ")")));
  }
}
