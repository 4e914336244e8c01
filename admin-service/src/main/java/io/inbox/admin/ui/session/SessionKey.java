package io.inbox.admin.ui.session;

import io.inbox.domain.security.SharedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * HMAC-SHA256 over the UI's cookies. The key is {@code ADMIN_SESSION_SECRET}, or else derived from
 * {@code ADMIN_API_TOKEN} (never the token itself, so a leaked cookie signature says nothing about
 * it). Without either nothing verifies: the UI stays closed, like the API.
 */
@ApplicationScoped
public class SessionKey {

  private final byte[] key;

  public SessionKey(
      UiSettings settings, @ConfigProperty(name = "admin.api-token") Optional<String> token) {
    Optional<String> secret = settings.sessionSecret().filter(s -> !s.isBlank());
    Optional<String> adminToken = token.filter(t -> !t.isBlank());
    if (secret.isPresent()) {
      key = secret.get().getBytes(StandardCharsets.UTF_8);
    } else if (adminToken.isPresent()) {
      key = hmac(adminToken.get().getBytes(StandardCharsets.UTF_8), "inbox-ui-session-key");
    } else {
      key = null;
    }
  }

  /** The signature of {@code value}, URL-safe; null when no key is configured. */
  public String sign(String value) {
    if (key == null) {
      return null;
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, value));
  }

  /** Constant-time: a guessed signature takes as long to reject as a nearly right one. */
  public boolean verify(String value, String signature) {
    return SharedSecret.matches(signature, sign(value));
  }

  private static byte[] hmac(byte[] key, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
