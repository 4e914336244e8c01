package io.inbox.guard;

import io.inbox.domain.database.DatabaseUrlConfigSourceFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/** Where the guard connects, as the operator configured it; safe to print (no password). */
@ApplicationScoped
public class DatabaseTarget {

  private final Config config;

  public DatabaseTarget(Config config) {
    this.config = config;
  }

  /** A sentence that tells the operator what to fix, when the settings cannot work. */
  public Optional<String> misconfiguration() {
    Optional<String> urlError =
        config.getOptionalValue(DatabaseUrlConfigSourceFactory.ERROR_PROPERTY, String.class);
    if (urlError.isPresent()) {
      return Optional.of(
          urlError.get()
              + ". Expected postgresql://user:password@host:5432/database?sslmode=require");
    }
    if (config.getOptionalValue("quarkus.datasource.jdbc.url", String.class).isEmpty()) {
      return Optional.of(
          "No database configured. Set DIRECT_URL or DATABASE_URL"
              + " (postgresql://user:password@host:5432/database?sslmode=require).");
    }
    return Optional.empty();
  }

  /** The variable the connection came from, for messages. */
  public String source() {
    return config
        .getOptionalValue(DatabaseUrlConfigSourceFactory.SOURCE_PROPERTY, String.class)
        .orElse("quarkus.datasource.jdbc.url");
  }

  public String user() {
    return config
        .getOptionalValue("quarkus.datasource.username", String.class)
        .orElse(System.getProperty("user.name"));
  }

  /** host:port/database of the JDBC URL. */
  public String location() {
    String url = config.getOptionalValue("quarkus.datasource.jdbc.url", String.class).orElse("?");
    String withoutScheme = url.replaceFirst("^jdbc:postgresql://", "");
    int query = withoutScheme.indexOf('?');
    return query < 0 ? withoutScheme : withoutScheme.substring(0, query);
  }

  /** The URL's {@code ?schema=}, when it names one. */
  public Optional<String> schema() {
    return config.getOptionalValue(DatabaseUrlConfigSourceFactory.SCHEMA_PROPERTY, String.class);
  }

  public String database() {
    String location = location();
    return location.substring(location.indexOf('/') + 1);
  }
}
