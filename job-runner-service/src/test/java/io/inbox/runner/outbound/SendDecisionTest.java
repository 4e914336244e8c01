package io.inbox.runner.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.queue.LedgerStatus;
import io.inbox.runner.outbound.ProviderFailure.Kind;
import io.inbox.runner.outbound.SendDecision.AfterFailure;
import io.inbox.runner.outbound.SendDecision.JobMove;
import io.inbox.runner.outbound.SendDecision.Step;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendDecisionTest {

  /**
   * created | ledger status | provider id known | sends so far | reconcile in (s) | step, with at
   * most 2 unconfirmed sends.
   */
  @ParameterizedTest(name = "{0} {1} id={2} sends={3} wait={4}s → {5}")
  @CsvSource({
    "true,  SENDING, false, 1,   0, SEND",
    "false, SENT,    true,  1,   0, RECORD",
    "false, FAILED,  true,  1,   0, RECORD",
    "false, FAILED,  false, 1,   0, REFUSED",
    "false, UNKNOWN, false, 1, 300, AWAIT_STATUS",
    "false, SENDING, false, 1,   1, AWAIT_STATUS",
    "false, UNKNOWN, false, 1,   0, RESEND",
    "false, UNKNOWN, false, 1,  -5, RESEND",
    "false, SENDING, false, 1,   0, RESEND",
    "false, UNKNOWN, false, 2,   0, GIVE_UP",
    "false, SENDING, false, 3,  -1, GIVE_UP",
    "false, UNKNOWN, false, 2, 300, AWAIT_STATUS",
    "false, UNKNOWN, true,  2,   0, RECORD",
    "false, SENDING, true,  1, 300, RECORD",
    "false, PENDING, false, 1,   0, RESEND",
    "false, PENDING, false, 5,   0, RESEND",
  })
  void whatAReservedLedgerRowLeadsTo(
      boolean created,
      LedgerStatus status,
      boolean idKnown,
      int sends,
      long reconcileInSeconds,
      Step expected) {
    LedgerEntry entry =
        new LedgerEntry(
            7,
            status,
            idKnown ? "wamid.X" : null,
            "hi",
            null,
            sends,
            Duration.ofSeconds(reconcileInSeconds),
            created);
    assertEquals(expected, SendDecision.forLedger(entry, 2));
  }

  @ParameterizedTest(name = "{0} → ledger {1}, job {2}")
  @CsvSource({
    "NOT_SENT,              PENDING, RETRY",
    "THROTTLED,             PENDING, RETRY",
    "PAIR_LIMIT,            PENDING, PAIR_PAUSE",
    "UNKNOWN_OUTCOME,       UNKNOWN, AWAIT_STATUS",
    "CHANNEL_UNAVAILABLE,   PENDING, PAUSE_CHANNEL",
    "REENGAGEMENT_REQUIRED, FAILED,  FAIL_REENGAGEMENT",
    "PERMANENT,             FAILED,  FAIL",
  })
  void whatAFailedProviderCallLeadsTo(Kind kind, LedgerStatus ledgerStatus, JobMove job) {
    assertEquals(new AfterFailure(ledgerStatus, job), SendDecision.afterFailure(kind));
  }

  /** Only a text refused for the closed window may be followed by the re-engagement template. */
  @ParameterizedTest(name = "{0} {1} \"{2}\" → {3}")
  @CsvSource({
    "FAILED,  false, HTTP 400 code 131047: Re-engagement message, true",
    "FAILED,  false, 24-hour window closed (by our clock),          true",
    "FAILED,  false, HTTP 400 code 100: Invalid parameter,          false",
    "FAILED,  true,  HTTP 400 code 131047: Re-engagement message,   false",
    "PENDING, false, HTTP 400 code 131047: Re-engagement message,   false",
    "FAILED,  false, ,                                              false",
  })
  void aTextRefusedForTheClosedWindowIsKnownByItsLedgerRow(
      LedgerStatus status, boolean idKnown, String error, boolean expected) {
    LedgerEntry entry =
        new LedgerEntry(
            7, status, idKnown ? "wamid.X" : null, "hi", error, 1, Duration.ZERO, false);
    assertEquals(expected, SendDecision.refusedForClosedWindow(entry));
  }
}
