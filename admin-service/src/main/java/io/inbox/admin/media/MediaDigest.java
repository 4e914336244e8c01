package io.inbox.admin.media;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Whether a file's SHA-256 is the one Meta named. Meta writes it base64 in webhooks and hex in the
 * media lookup's answer: both are decoded to the 32 bytes and compared as bytes.
 */
final class MediaDigest {

  private static final int SHA256_BYTES = 32;

  private MediaDigest() {}

  /** False for an expected value that is neither form of a SHA-256. */
  static boolean matches(String expected, byte[] digest) {
    byte[] wanted = decode(expected.strip());
    return wanted != null && MessageDigest.isEqual(wanted, digest);
  }

  private static byte[] decode(String text) {
    if (text.length() == SHA256_BYTES * 2 && text.matches("[0-9a-fA-F]+")) {
      return HexFormat.of().parseHex(text);
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(text);
      return bytes.length == SHA256_BYTES ? bytes : null;
    } catch (IllegalArgumentException notBase64) {
      try {
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        return bytes.length == SHA256_BYTES ? bytes : null;
      } catch (IllegalArgumentException neither) {
        return null;
      }
    }
  }
}
