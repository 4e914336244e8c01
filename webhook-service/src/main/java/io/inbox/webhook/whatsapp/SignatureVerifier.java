package io.inbox.webhook.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex>}: the HMAC-SHA256 of the exact raw body with the
 * app secret, compared in constant time. The body must be the bytes as received: re-serialised JSON
 * would not match.
 */
public final class SignatureVerifier {

  /** Why a signature was refused; the metric label and log reason. */
  public enum Rejection {
    MISSING,
    MALFORMED,
    MISMATCH,
    NO_SECRET_CONFIGURED
  }

  private static final String PREFIX = "sha256=";

  private SignatureVerifier() {}

  /** Empty when the signature is right. */
  public static Optional<Rejection> check(byte[] body, String header, String appSecret) {
    if (appSecret == null || appSecret.isEmpty()) {
      return Optional.of(Rejection.NO_SECRET_CONFIGURED);
    }
    if (header == null || header.isBlank()) {
      return Optional.of(Rejection.MISSING);
    }
    String value = header.strip();
    if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.of(Rejection.MALFORMED);
    }
    byte[] presented;
    try {
      presented = HexFormat.of().parseHex(value.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return Optional.of(Rejection.MALFORMED);
    }
    return MessageDigest.isEqual(presented, hmac(body, appSecret))
        ? Optional.empty()
        : Optional.of(Rejection.MISMATCH);
  }

  /** {@code sha256=<hex>} for a body: what Meta sends; tests and the demo sign with it. */
  public static String sign(byte[] body, String appSecret) {
    return PREFIX + HexFormat.of().formatHex(hmac(body, appSecret));
  }

  private static byte[] hmac(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
