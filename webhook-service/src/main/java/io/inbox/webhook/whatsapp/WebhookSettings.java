package io.inbox.webhook.whatsapp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** What Meta's app dashboard gives the operator for the webhook. */
@ConfigMapping(prefix = "webhook")
public interface WebhookSettings {

  /** The app secret Meta signs every POST with (WHATSAPP_APP_SECRET). */
  Optional<String> appSecret();

  /**
   * The token typed into Meta's dashboard for the verification handshake (WHATSAPP_VERIFY_TOKEN).
   */
  Optional<String> verifyToken();

  /**
   * How long a webhook may take before it is answered 503 (Meta delivers it again). The work goes
   * on in the background: a slow database delays it, never cuts it in half.
   */
  @WithDefault("10s")
  Duration processingDeadline();

  /**
   * WHATSAPP_PHONE_NUMBER_ID, the default channel's number. Unset, the default channel takes every
   * number no channel claims (one number, as before channels); set, any other number is unknown.
   */
  Optional<String> phoneNumberId();

  /** How old the channel map may get: a channel the admin API changes is routed after this. */
  @WithDefault("5s")
  Duration channelRefresh();

  /** Whether a start without the secrets is allowed (dev/test only). */
  @WithDefault("false")
  boolean allowMissingSecrets();
}
