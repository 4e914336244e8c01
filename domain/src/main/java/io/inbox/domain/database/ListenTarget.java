package io.inbox.domain.database;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.util.Optional;

/**
 * Where a service opens its {@code LISTEN} connection: {@code DIRECT_URL} when set
 * (transaction-mode poolers drop LISTEN), else the datasource's reactive URL with its credentials.
 */
public final class ListenTarget {

  private ListenTarget() {}

  public static PgConnectOptions options(
      Optional<String> directUrl,
      Optional<String> datasourceUrl,
      Optional<String> user,
      Optional<String> password) {
    Optional<String> direct = directUrl.filter(s -> !s.isBlank());
    if (direct.isPresent()) {
      DatabaseUrl url = DatabaseUrl.parse(direct.get());
      PgConnectOptions options =
          new PgConnectOptions()
              .setHost(url.host())
              .setPort(url.port())
              .setDatabase(url.database());
      url.userName().ifPresent(options::setUser);
      url.passwordValue().ifPresent(options::setPassword);
      url.sslModeValue()
          .ifPresent(
              mode -> options.setSslMode(SslMode.of(mode)).setTrustAll(!mode.startsWith("verify")));
      return options;
    }
    PgConnectOptions options =
        PgConnectOptions.fromUri(
            datasourceUrl.orElseThrow(
                () -> new IllegalStateException("No database configured: set DATABASE_URL")));
    user.ifPresent(options::setUser);
    password.ifPresent(options::setPassword);
    return options;
  }
}
