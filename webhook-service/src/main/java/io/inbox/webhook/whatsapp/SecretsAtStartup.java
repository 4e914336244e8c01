package io.inbox.webhook.whatsapp;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/**
 * Refuses to start without the secrets: a webhook that cannot verify signatures would either accept
 * forged messages or reject every real one, and Meta would give up on it.
 */
public class SecretsAtStartup {

  void check(@Observes StartupEvent start, WebhookSettings settings) {
    if (settings.allowMissingSecrets()) {
      return;
    }
    if (settings.appSecret().filter(s -> !s.isBlank()).isEmpty()) {
      throw new IllegalStateException(
          "WHATSAPP_APP_SECRET is not set: the webhook cannot verify Meta's signatures"
              + " (Meta app dashboard → App settings → Basic → App secret).");
    }
    if (settings.verifyToken().filter(s -> !s.isBlank()).isEmpty()) {
      throw new IllegalStateException(
          "WHATSAPP_VERIFY_TOKEN is not set: Meta's verification handshake would fail.");
    }
  }
}
