package io.inbox.admin.auth;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start in production without {@code ADMIN_API_TOKEN}: every {@code /api/admin} call
 * would answer 401 ({@code AdminBearerFilter}), and an admin API closed to everyone is a
 * misconfiguration, not a safe default.
 */
public class AdminTokenAtStartup {

  void check(
      @Observes StartupEvent start,
      @ConfigProperty(name = "admin.api-token") Optional<String> token) {
    if (LaunchMode.current() == LaunchMode.NORMAL && token.filter(t -> !t.isBlank()).isEmpty()) {
      throw new IllegalStateException(
          "ADMIN_API_TOKEN is not set: the admin API would be closed to everyone.");
    }
  }
}
