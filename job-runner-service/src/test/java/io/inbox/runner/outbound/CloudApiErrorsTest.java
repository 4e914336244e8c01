package io.inbox.runner.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.runner.outbound.ProviderFailure.Kind;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class CloudApiErrorsTest {

  @Test
  void metaErrorCodesDecideBeforeTheHttpStatus() {
    assertEquals(Kind.THROTTLED, CloudApiErrors.classify(400, 130429, true));
    assertEquals(Kind.THROTTLED, CloudApiErrors.classify(400, 131048, true));
    assertEquals(Kind.THROTTLED, CloudApiErrors.classify(400, 80007, true));
    assertEquals(Kind.PAIR_LIMIT, CloudApiErrors.classify(400, 131056, true));
    assertEquals(Kind.REENGAGEMENT_REQUIRED, CloudApiErrors.classify(400, 131047, true));
    assertEquals(Kind.PERMANENT, CloudApiErrors.classify(400, 100, true));
  }

  /** An expired token or a locked account stops every send of the number, not this one only. */
  @Test
  void anExpiredTokenOrALockedAccountMakesTheChannelUnavailable() {
    assertEquals(Kind.CHANNEL_UNAVAILABLE, CloudApiErrors.classify(401, 190, true));
    assertEquals(Kind.CHANNEL_UNAVAILABLE, CloudApiErrors.classify(400, 190, true));
    assertEquals(Kind.CHANNEL_UNAVAILABLE, CloudApiErrors.classify(401, null, false));
    assertEquals(Kind.CHANNEL_UNAVAILABLE, CloudApiErrors.classify(403, 131031, true));
    assertEquals(Kind.CHANNEL_UNAVAILABLE, CloudApiErrors.classify(400, 133010, true));
    assertEquals(Kind.CHANNEL_UNAVAILABLE, CloudApiErrors.classify(403, 10, true));
    assertEquals(Kind.CHANNEL_UNAVAILABLE, CloudApiErrors.classify(400, 0, true));
    assertEquals(Kind.CHANNEL_UNAVAILABLE, CloudApiErrors.classify(403, 368, true));
    assertEquals(Kind.PERMANENT, CloudApiErrors.classify(403, null, true));
  }

  @Test
  void httpStatusDecidesWithoutACode() {
    assertEquals(Kind.THROTTLED, CloudApiErrors.classify(429, null, true));
    assertEquals(Kind.THROTTLED, CloudApiErrors.classify(429, null, false));
    assertEquals(Kind.NOT_SENT, CloudApiErrors.classify(500, null, true));
    assertEquals(Kind.NOT_SENT, CloudApiErrors.classify(503, 2, true));
    assertEquals(Kind.PERMANENT, CloudApiErrors.classify(404, null, true));
    assertEquals(Kind.PERMANENT, CloudApiErrors.classify(400, null, false));
  }

  /** An HTML 502 or an empty 504 came from an edge in front of Meta: Meta may have sent it. */
  @Test
  void aServerErrorWithoutMetasErrorJsonMeansTheOutcomeIsUnknown() {
    assertEquals(Kind.UNKNOWN_OUTCOME, CloudApiErrors.classify(502, null, false));
    assertEquals(Kind.UNKNOWN_OUTCOME, CloudApiErrors.classify(503, null, false));
    assertEquals(Kind.UNKNOWN_OUTCOME, CloudApiErrors.classify(504, null, false));
    assertEquals(Kind.UNKNOWN_OUTCOME, CloudApiErrors.classify(500, null, false));
  }

  @Test
  void aRefusedConnectionWasNotSentButALostAnswerMayHaveBeen() {
    assertEquals(
        Kind.NOT_SENT,
        CloudApiErrors.classify(new RuntimeException(new ConnectException("refused"))));
    assertEquals(
        Kind.UNKNOWN_OUTCOME,
        CloudApiErrors.classify(new SocketTimeoutException("read timed out")));
  }
}
