package io.inbox.runner.outbound;

import io.inbox.domain.queue.LedgerStatus;
import io.inbox.runner.outbound.ProviderFailure.Kind;

/**
 * The runner's decisions about one reply, as pure functions: what to do with the ledger row a
 * reservation found, and what a failed provider call means for the row and the job. Everything
 * "nothing sent twice" rests on is in these two tables.
 */
public final class SendDecision {

  /** What to do with a reserved ledger row. */
  public enum Step {
    /** A new row, SENDING under this job's lease: call the provider. */
    SEND,
    /** Meta has it (SENT, or accepted and then FAILED to deliver): record it, never send again. */
    RECORD,
    /** The provider refused it earlier: fail the job, sending again cannot help. */
    REFUSED,
    /** The outcome of the last send is unknown: wait for Meta's status webhook, do not resend. */
    AWAIT_STATUS,
    /** Nothing went out (PENDING), or no status came within the reconcile window: send again. */
    RESEND,
    /**
     * No status came for any of the allowed sends: stop, leave the row UNKNOWN and tell a person
     * the reply may or may not have reached the customer.
     */
    GIVE_UP
  }

  /** What a failed provider call does: the ledger row's new status and the job's next move. */
  public record AfterFailure(LedgerStatus ledgerStatus, JobMove job) {}

  /** The job's next move after a failed provider call. */
  public enum JobMove {
    /** Back off exponentially, using an attempt; FAILED after the last one. */
    RETRY,
    /** Meta's per-recipient limit: wait about 6 s without using an attempt. */
    PAIR_PAUSE,
    /** Wait for Meta's status webhook (or the reconcile timeout) without using an attempt. */
    AWAIT_STATUS,
    /** The number cannot send (token, account): pause its channel, hold the job. */
    PAUSE_CHANNEL,
    /** The customer-service window closed: a template, or fail and say one is needed. */
    FAIL_REENGAGEMENT,
    /** Fail at once. */
    FAIL
  }

  /** The ledger error of a text not sent because our clock says the 24-hour window has closed. */
  public static final String WINDOW_CLOSED = "24-hour window closed (by our clock)";

  private SendDecision() {}

  /**
   * Whether a refused row is a text the closed 24-hour window stopped (Meta's 131047, or our own
   * clock): the reply's re-engagement template may follow it, once, under its own ledger key.
   */
  public static boolean refusedForClosedWindow(LedgerEntry entry) {
    return entry.status() == LedgerStatus.FAILED
        && entry.providerMessageId() == null
        && entry.error() != null
        && (entry.error().contains("code 131047") || entry.error().equals(WINDOW_CLOSED));
  }

  /** {@code maxUnconfirmedSends}: provider calls allowed for one reply while Meta confirms none. */
  public static Step forLedger(LedgerEntry entry, int maxUnconfirmedSends) {
    if (entry.created()) {
      return Step.SEND;
    }
    return switch (entry.status()) {
      case SENT -> Step.RECORD;
      case FAILED -> entry.providerMessageId() == null ? Step.REFUSED : Step.RECORD;
      case UNKNOWN, SENDING -> {
        if (entry.providerMessageId() != null) {
          yield Step.RECORD; // Meta's id is known (a status named it, or our record failed)
        }
        if (!entry.reconcileIn().isNegative() && !entry.reconcileIn().isZero()) {
          yield Step.AWAIT_STATUS;
        }
        yield entry.attempts() >= maxUnconfirmedSends ? Step.GIVE_UP : Step.RESEND;
      }
      case PENDING -> Step.RESEND;
    };
  }

  public static AfterFailure afterFailure(Kind kind) {
    return switch (kind) {
      case NOT_SENT, THROTTLED -> new AfterFailure(LedgerStatus.PENDING, JobMove.RETRY);
      case PAIR_LIMIT -> new AfterFailure(LedgerStatus.PENDING, JobMove.PAIR_PAUSE);
      case UNKNOWN_OUTCOME -> new AfterFailure(LedgerStatus.UNKNOWN, JobMove.AWAIT_STATUS);
      case CHANNEL_UNAVAILABLE -> new AfterFailure(LedgerStatus.PENDING, JobMove.PAUSE_CHANNEL);
      case REENGAGEMENT_REQUIRED ->
          new AfterFailure(LedgerStatus.FAILED, JobMove.FAIL_REENGAGEMENT);
      case PERMANENT -> new AfterFailure(LedgerStatus.FAILED, JobMove.FAIL);
    };
  }
}
