package io.inbox.runner.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.runner.outbound.ProviderFailure.Kind;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class CloudApiErrorsTest {

  @Test
  void metaErrorCodesDecideBeforeTheHttpStatus() {
    assertEquals(Kind.THROTTLED, CloudApiErrors.classify(400, 130429));
    assertEquals(Kind.THROTTLED, CloudApiErrors.classify(400, 131048));
    assertEquals(Kind.THROTTLED, CloudApiErrors.classify(400, 80007));
    assertEquals(Kind.PAIR_LIMIT, CloudApiErrors.classify(400, 131056));
    assertEquals(Kind.REENGAGEMENT_REQUIRED, CloudApiErrors.classify(400, 131047));
    assertEquals(Kind.PERMANENT, CloudApiErrors.classify(400, 100));
    assertEquals(Kind.PERMANENT, CloudApiErrors.classify(401, 190));
  }

  @Test
  void httpStatusDecidesWithoutACode() {
    assertEquals(Kind.THROTTLED, CloudApiErrors.classify(429, null));
    assertEquals(Kind.NOT_SENT, CloudApiErrors.classify(500, null));
    assertEquals(Kind.NOT_SENT, CloudApiErrors.classify(503, 2));
    assertEquals(Kind.PERMANENT, CloudApiErrors.classify(404, null));
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
