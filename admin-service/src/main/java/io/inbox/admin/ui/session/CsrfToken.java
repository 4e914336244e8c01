package io.inbox.admin.ui.session;

import io.inbox.domain.security.SharedSecret;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Double-submit token: a random nonce with its signature, sent as an HttpOnly SameSite=Strict
 * cookie and repeated in a hidden field of every form. Another site can neither read the cookie nor
 * forge a pair (the signature), so a POST with both matching came from our own page.
 */
public final class CsrfToken {

  public static final String COOKIE = "inbox_csrf";
  public static final String FIELD = "csrf";

  private static final SecureRandom RANDOM = new SecureRandom();

  private CsrfToken() {}

  public static String fresh(SessionKey key) {
    byte[] nonce = new byte[18];
    RANDOM.nextBytes(nonce);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    return value + "." + key.sign("csrf|" + value);
  }

  public static boolean valid(SessionKey key, String token) {
    if (token == null) {
      return false;
    }
    int dot = token.indexOf('.');
    return dot > 0 && key.verify("csrf|" + token.substring(0, dot), token.substring(dot + 1));
  }

  /** The form's token is the cookie's, and the cookie is one we made. */
  public static boolean matches(SessionKey key, String cookie, String field) {
    return valid(key, cookie) && SharedSecret.matches(field, cookie);
  }
}
