package io.inbox.domain.database;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the {@code DATABASE_URL} / {@code DIRECT_URL} environment variables users already have into
 * Quarkus datasource settings, so the same connection string works for every module.
 *
 * <p>Services read {@code DATABASE_URL} (the pooler). A module that sets {@code
 * inbox.datasource.prefer-direct-url=true} (schema-guard: migrations and advisory locks need a
 * session, which transaction-mode poolers do not keep) reads {@code DIRECT_URL} first.
 *
 * <p>Only a module that sets {@code inbox.datasource.jdbc=true} (schema-guard: Flyway) is given
 * {@code quarkus.datasource.jdbc.url}: the services have no JDBC datasource, and Quarkus warns at
 * their start about a key no extension of theirs reads.
 *
 * <p>The ordinal sits between {@code application.properties} (250) and environment variables (300):
 * the URL beats packaged defaults, while explicit {@code QUARKUS_DATASOURCE_*} variables still win.
 * A URL that does not parse sets {@link #ERROR_PROPERTY} instead of failing the start, so the
 * module can print one line that says what to fix.
 */
public class DatabaseUrlConfigSourceFactory implements ConfigSourceFactory {

  /** Set to a readable reason when the URL variable is present but unusable. */
  public static final String ERROR_PROPERTY = "inbox.datasource.url-error";

  /** Which variable the datasource came from; for messages. */
  public static final String SOURCE_PROPERTY = "inbox.datasource.url-source";

  /** The URL's {@code ?schema=}: where schema-guard migrates and verifies. */
  public static final String SCHEMA_PROPERTY = "inbox.datasource.schema";

  static final int ORDINAL = 275;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    boolean preferDirect = "true".equals(value(context, "inbox.datasource.prefer-direct-url"));
    boolean jdbc = "true".equals(value(context, "inbox.datasource.jdbc"));
    String direct = value(context, "DIRECT_URL");
    String pooled = value(context, "DATABASE_URL");
    String name = preferDirect && direct != null ? "DIRECT_URL" : "DATABASE_URL";
    String url = preferDirect && direct != null ? direct : pooled;
    if (url == null) {
      return List.of();
    }
    return List.of(
        new PropertiesConfigSource(properties(name, url, jdbc), "inbox-database-url", ORDINAL));
  }

  @Override
  public OptionalInt getPriority() {
    return OptionalInt.of(ORDINAL);
  }

  static Map<String, String> properties(String name, String url, boolean jdbc) {
    Map<String, String> props = new HashMap<>();
    props.put(SOURCE_PROPERTY, name);
    DatabaseUrl parsed;
    try {
      parsed = DatabaseUrl.parse(url);
    } catch (IllegalArgumentException e) {
      props.put(ERROR_PROPERTY, name + " is not a valid PostgreSQL URL: " + e.getMessage());
      return props;
    }
    if (jdbc) {
      props.put("quarkus.datasource.jdbc.url", parsed.jdbcUrl());
    }
    props.put("quarkus.datasource.reactive.url", parsed.reactiveUrl());
    parsed.userName().ifPresent(u -> props.put("quarkus.datasource.username", u));
    parsed.passwordValue().ifPresent(p -> props.put("quarkus.datasource.password", p));
    parsed.schemaName().ifPresent(schema -> props.put(SCHEMA_PROPERTY, schema));
    parsed
        .sslModeValue()
        .ifPresent(
            mode -> {
              props.put("quarkus.datasource.reactive.postgresql.ssl-mode", mode);
              // libpq's "require" encrypts without checking the certificate; so must we.
              if (mode.equals("require") || mode.equals("prefer") || mode.equals("allow")) {
                props.put("quarkus.datasource.reactive.trust-all", "true");
              }
            });
    return props;
  }

  private static String value(ConfigSourceContext context, String name) {
    ConfigValue value = context.getValue(name);
    return value == null || value.getValue() == null || value.getValue().isBlank()
        ? null
        : value.getValue();
  }
}
