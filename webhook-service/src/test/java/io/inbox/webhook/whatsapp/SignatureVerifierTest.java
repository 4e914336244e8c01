package io.inbox.webhook.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.webhook.whatsapp.SignatureVerifier.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

  private static final byte[] BODY = "{\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "app-secret";

  @Test
  void signIsTheHexHmacSha256OfTheBody() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    assertEquals(
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        SignatureVerifier.sign(
            "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8), "Jefe"));
  }

  @Test
  void theRightSignatureIsAccepted() {
    String header = SignatureVerifier.sign(BODY, SECRET);
    assertEquals(Optional.empty(), SignatureVerifier.check(BODY, header, SECRET));
    assertEquals(Optional.empty(), SignatureVerifier.check(BODY, "  " + header + " ", SECRET));
    assertEquals(
        Optional.empty(),
        SignatureVerifier.check(BODY, "SHA256=" + header.substring(7).toUpperCase(), SECRET));
  }

  @Test
  void eachWrongSignatureSaysWhy() {
    String header = SignatureVerifier.sign(BODY, SECRET);
    assertEquals(Optional.of(Rejection.MISSING), SignatureVerifier.check(BODY, null, SECRET));
    assertEquals(Optional.of(Rejection.MISSING), SignatureVerifier.check(BODY, " ", SECRET));
    assertEquals(
        Optional.of(Rejection.MALFORMED),
        SignatureVerifier.check(BODY, "sha1=" + header.substring(7), SECRET));
    assertEquals(
        Optional.of(Rejection.MALFORMED), SignatureVerifier.check(BODY, "sha256=zz", SECRET));
    assertEquals(
        Optional.of(Rejection.MISMATCH), SignatureVerifier.check(BODY, header, "other-secret"));
    assertEquals(
        Optional.of(Rejection.MISMATCH),
        SignatureVerifier.check(
            "{\"entry\": []}".getBytes(StandardCharsets.UTF_8), header, SECRET));
    assertEquals(Optional.of(Rejection.MISMATCH), SignatureVerifier.check(BODY, "sha256=", SECRET));
  }

  @Test
  void withoutASecretNothingIsAccepted() {
    String header = SignatureVerifier.sign(BODY, SECRET);
    assertEquals(
        Optional.of(Rejection.NO_SECRET_CONFIGURED), SignatureVerifier.check(BODY, header, null));
    assertEquals(
        Optional.of(Rejection.NO_SECRET_CONFIGURED), SignatureVerifier.check(BODY, header, ""));
    assertEquals(
        Optional.of(Rejection.NO_SECRET_CONFIGURED), SignatureVerifier.check(BODY, null, ""));
  }
}
