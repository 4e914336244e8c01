package io.inbox.runner.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Which provider sends replies, and the Cloud API credentials. */
@ConfigMapping(prefix = "whatsapp")
public interface WhatsAppSettings {

  /** {@code cloud} (the WhatsApp Cloud API) or {@code sandbox} (records, sends nothing). */
  @WithDefault("cloud")
  String provider();

  /** WHATSAPP_TOKEN: a system-user access token. */
  Optional<String> token();

  /** WHATSAPP_PHONE_NUMBER_ID: the business phone number's id (not the number). */
  Optional<String> phoneNumberId();

  /**
   * WHATSAPP_TOKEN_DIR: a mounted Secret, one file per channel's tokenRef (read by {@code
   * ChannelTokens} on every send).
   */
  Optional<Path> tokenDir();

  /** Graph API version in the path. */
  @WithDefault("v21.0")
  String apiVersion();
}
