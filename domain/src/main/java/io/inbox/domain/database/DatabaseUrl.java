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
import java.util.regex.Pattern;

/**
 * A connection string in the form Neon, Supabase and Vercel hand out ({@code
 * postgresql://user:pass@host:port/db?sslmode=require}), turned into what the JDBC driver and the
 * reactive client each expect.
 *
 * <p>{@code sslmode} is carried over, and Prisma's {@code schema} becomes the schema both clients
 * work in (JDBC {@code currentSchema}, the reactive client's {@code search_path}). The other query
 * parameters those dashboards add ({@code pgbouncer}, {@code connection_limit}…) are Prisma's, not
 * the drivers'.
 */
public record DatabaseUrl(
    String host,
    int port,
    String database,
    String user,
    String password,
    String sslMode,
    String schema) {

  private static final Set<String> SCHEMES = Set.of("postgresql", "postgres");
  private static final Set<String> SSL_MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  private static final int DEFAULT_PORT = 5432;

  /**
   * Names that mean the same quoted or not: Prisma quotes the schema it creates, the drivers'
   * search path does not, so any other name would point the two at different schemas.
   */
  private static final Pattern SIMPLE_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

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
    String schema = params.get("schema");
    if (schema != null && !SIMPLE_IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema="
              + schema
              + " is not a simple schema name: use lower-case letters, digits and _"
              + " (at most 63, not starting with a digit), e.g. schema=inbox");
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    return new DatabaseUrl(uri.getHost(), port, database, user, password, sslMode, schema);
  }

  /** The JDBC URL, without credentials (they travel as separate properties). */
  public String jdbcUrl() {
    return "jdbc:postgresql://"
        + hostAndPort()
        + "/"
        + database
        + query("sslmode", sslMode, "currentSchema", schema);
  }

  /** The reactive client's URL, without credentials. */
  public String reactiveUrl() {
    return "postgresql://"
        + hostAndPort()
        + "/"
        + database
        + query("sslmode", sslMode, "search_path", schema);
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

  /** The {@code ?schema=} of the URL; absent means the role's default search path. */
  public Optional<String> schemaName() {
    return Optional.ofNullable(schema);
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

  /** {@code ?k1=v1&k2=v2} for the pairs whose value is set; values are plain words (validated). */
  private static String query(String... pairs) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        query
            .append(query.length() == 0 ? "?" : "&")
            .append(pairs[i])
            .append('=')
            .append(pairs[i + 1]);
      }
    }
    return query.toString();
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      // Mutation testing: "return an empty map" here survives; it is the same (params is empty).
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
