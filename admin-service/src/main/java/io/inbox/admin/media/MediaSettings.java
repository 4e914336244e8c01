package io.inbox.admin.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the Cloud API is and how much of a file the admin API fetches. */
@ConfigMapping(prefix = "admin.media")
public interface MediaSettings {

  /** WHATSAPP_API_BASE_URL, as the runner's. */
  @WithDefault("https://graph.facebook.com")
  String apiBaseUrl();

  /** Graph API version in the lookup's path. */
  @WithDefault("v21.0")
  String apiVersion();

  /**
   * The largest file fetched, in bytes: Meta's limit for documents is 100 MB; a larger answer (by
   * Meta's file_size or by the bytes that actually arrive) is refused with 413.
   */
  @WithDefault("104857600")
  long maxBytes();

  /** How long the lookup, and separately the download, may take. */
  @WithDefault("30s")
  Duration timeout();
}
