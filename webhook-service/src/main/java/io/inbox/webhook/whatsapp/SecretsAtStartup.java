package io.inbox.webhook.whatsapp;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start without the secrets: a webhook that cannot verify signatures would either accept
 * forged messages or reject every real one, and Meta would give up on it.
 */
public class SecretsAtStartup {

  void check(
      @Observes StartupEvent start,
      WebhookSettings settings,
      @ConfigProperty(name = "admin.api-token") Optional<String> adminToken) {
    if (adminToken.filter(s -> !s.isBlank()).isEmpty()) {
      // Not fatal: Meta's deliveries do not depend on it, only the operator's replays do.
      Log.warn(
          "ADMIN_API_TOKEN is not set: webhook event replay (/api/admin/webhook-events) answers 401.");
    }
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
