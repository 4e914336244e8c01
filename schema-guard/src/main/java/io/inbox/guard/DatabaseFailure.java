package io.inbox.guard;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the failures an operator can fix (connection, credentials, database name, permissions) into
 * one sentence saying what to fix. Anything else is a schema problem, reported as such.
 */
final class DatabaseFailure {

  private static final Pattern OWNER =
      Pattern.compile("must be owner of (?:table|relation) (\\S+)");
  private static final Pattern SCHEMA = Pattern.compile("permission denied for schema (\\S+)");
  private static final Pattern TABLE =
      Pattern.compile("permission denied for (?:table|relation) (\\S+)");

  private DatabaseFailure() {}

  static Optional<String> explain(Throwable failure, DatabaseTarget target) {
    String where = target.location();
    String source = target.source();
    String user = target.user();
    if (find(failure, UnknownHostException.class) != null) {
      return Optional.of(
          "Cannot connect to the database at "
              + where
              + ": unknown host. Check the host name in "
              + source
              + ".");
    }
    SQLException sql = find(failure, SQLException.class);
    String state = sql == null ? null : sql.getSQLState();
    String message = sql == null ? rootMessage(failure) : firstLine(sql.getMessage());
    if (find(failure, ConnectException.class) != null
        || (state != null && state.startsWith("08"))) {
      return Optional.of(
          "Cannot connect to the database at "
              + where
              + " ("
              + message
              + "). Check the host, port and sslmode in "
              + source
              + ", and that the database is running and reachable from here.");
    }
    if (state == null) {
      return Optional.empty();
    }
    return switch (state) {
      case "28P01" ->
          Optional.of(
              "Authentication failed for user \""
                  + user
                  + "\" at "
                  + where
                  + ". Check the user and password in "
                  + source
                  + " (percent-encode special characters in the password, e.g. @ as %40).");
      case "28000" ->
          Optional.of(
              "The database refused user \""
                  + user
                  + "\" ("
                  + message
                  + "). Check the user in "
                  + source
                  + " and that the role exists and may log in.");
      case "3D000" ->
          Optional.of(
              "Database \""
                  + target.database()
                  + "\" does not exist at "
                  + where
                  + ". Check the database name in "
                  + source
                  + " or create it.");
      case "42501" -> Optional.of(permission(message, user, source));
      case "53300" ->
          Optional.of(
              "The database has no free connections ("
                  + message
                  + "). Use the direct URL, not the pooler, in DIRECT_URL, or retry.");
      case "57P03" ->
          Optional.of("The database is not accepting connections yet (" + message + "). Retry.");
      default -> Optional.empty();
    };
  }

  private static String permission(String message, String user, String source) {
    Matcher owner = OWNER.matcher(message);
    if (owner.find()) {
      String table = owner.group(1);
      return "Permission denied: "
          + message
          + ". ALTER TABLE needs the table's owner: run the guard as the role that owns "
          + table
          + " (set "
          + source
          + " to its direct URL), or as that owner run: ALTER TABLE "
          + table
          + " OWNER TO \""
          + user
          + "\";";
    }
    Matcher schema = SCHEMA.matcher(message);
    if (schema.find()) {
      return "Permission denied: "
          + message
          + ". Creating tables needs: GRANT USAGE, CREATE ON SCHEMA "
          + schema.group(1)
          + " TO \""
          + user
          + "\";";
    }
    Matcher table = TABLE.matcher(message);
    if (table.find()) {
      return "Permission denied: "
          + message
          + ". Grant the guard's user access: GRANT SELECT, INSERT, UPDATE, DELETE ON "
          + table.group(1)
          + " TO \""
          + user
          + "\"; (migrations also need to own the tables they ALTER)";
    }
    return "Permission denied: "
        + message
        + ". The guard's user \""
        + user
        + "\" needs to own the product's tables and have CREATE on the schema.";
  }

  static String rootMessage(Throwable failure) {
    SQLException sql = find(failure, SQLException.class);
    if (sql != null) {
      return firstLine(sql.getMessage());
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return firstLine(String.valueOf(root.getMessage()));
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    if (m.startsWith("ERROR: ")) {
      m = m.substring("ERROR: ".length());
    }
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline);
  }

  static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
