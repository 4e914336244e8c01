package io.inbox.runner.cron;

import io.inbox.domain.security.SharedSecret;
import io.inbox.runner.RunnerSettings;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * The cron and kick endpoints' secret, accepted three ways (as the earlier system did): {@code
 * X-Cron-Secret} header, {@code Authorization: Bearer}, or {@code ?token=}. Constant-time; the
 * secret never appears in a log.
 */
@ApplicationScoped
public class CronAuth {

  private final Optional<String> secret;

  public CronAuth(RunnerSettings settings) {
    this.secret = settings.cronSecret().filter(s -> !s.isBlank());
  }

  /** The method that authorised the call ({@code header}, {@code bearer}, {@code query}). */
  public Optional<String> authorize(String header, String authorization, String token) {
    String expected = secret.orElse(null);
    if (SharedSecret.matches(header, expected)) {
      return Optional.of("header");
    }
    if (authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && SharedSecret.matches(authorization.substring(7).strip(), expected)) {
      return Optional.of("bearer");
    }
    if (SharedSecret.matches(token, expected)) {
      return Optional.of("query");
    }
    return Optional.empty();
  }

  void refuseToStartWithoutSecret(@Observes StartupEvent start) {
    if (LaunchMode.current() == LaunchMode.NORMAL && secret.isEmpty()) {
      throw new IllegalStateException(
          "CRON_SECRET is not set: the cron and kick endpoints would refuse every call.");
    }
  }
}
