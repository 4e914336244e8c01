package io.inbox.domain.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A connection string in the form Neon, Supabase and Vercel hand out ({@code
 * postgresql://user:pass@host:port/db?sslmode=require}), turned into what the JDBC driver and the
 * reactive client each expect.
 *
 * <p>Only {@code sslmode} is carried over: the other query parameters those dashboards add ({@code
 * pgbouncer}, {@code connection_limit}, {@code schema}…) are Prisma's, not the drivers'.
 */
public record DatabaseUrl(
    String host, int port, String database, String user, String password, String sslMode) {

  private static final Set<String> SCHEMES = Set.of("postgresql", "postgres");
  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  private static final int DEFAULT_PORT = 5432;

  /** Parses the URL; the message of the exception never contains the password. */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("it is empty");
    }
    String trimmed = url.strip();
    if (trimmed.startsWith("jdbc:")) {
      trimmed = trimmed.substring("jdbc:".length());
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "it is not a URL (percent-encode special characters in the password, e.g. @ as %40)");
    }
    if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("the scheme must be postgresql:// or postgres://");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("it names no host");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String database = decode(path.startsWith("/") ? path.substring(1) : path);
    if (database.isBlank()) {
      throw new IllegalArgumentException("it names no database (…:5432/<database>)");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    Map<String, String> params = query(uri.getRawQuery());
    String sslMode = params.get("sslmode");
    if (sslMode != null && !SSL_MODES.contains(sslMode)) {
      throw new IllegalArgumentException(
          "sslmode=" + sslMode + " is not one of " + String.join(", ", SSL_MODES));
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    return new DatabaseUrl(uri.getHost(), port, database, user, password, sslMode);
  }

  /** The JDBC URL, without credentials (they travel as separate properties). */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + hostAndPort() + "/" + database + sslQuery();
  }

  /** The reactive client's URL, without credentials. */
  public String reactiveUrl() {
    return "postgresql://" + hostAndPort() + "/" + database + sslQuery();
  }

  public Optional<String> userName() {
    return Optional.ofNullable(user);
  }

  public Optional<String> passwordValue() {
    return Optional.ofNullable(password);
  }

  public Optional<String> sslModeValue() {
    return Optional.ofNullable(sslMode);
  }

  /** Where it points, safe to print. */
  public String describe() {
    return (user == null ? "" : user + "@") + hostAndPort() + "/" + database;
  }

  @Override
  public String toString() {
    return describe();
  }

  private String hostAndPort() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return h + ":" + port;
  }

  private String sslQuery() {
    return sslMode == null ? "" : "?sslmode=" + sslMode;
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
    }
    return params;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
