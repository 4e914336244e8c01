package io.inbox.admin.ui.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** The inbox UI's settings ({@code admin.ui.*} in application.properties, env overrides). */
@ConfigMapping(prefix = "admin.ui")
public interface UiSettings {

  /**
   * Signs session and CSRF cookies; when absent a key is derived from the admin token, so rotating
   * the token also ends every session.
   */
  Optional<String> sessionSecret();

  /** How long a sign-in lasts. */
  @WithDefault("8h")
  Duration sessionTtl();

  /** Always mark cookies Secure (otherwise only when the request came over TLS). */
  @WithDefault("false")
  boolean secureCookie();

  /** The zone agents read times in and "tomorrow 9:00" means. */
  @WithDefault("UTC")
  ZoneId zone();
}
