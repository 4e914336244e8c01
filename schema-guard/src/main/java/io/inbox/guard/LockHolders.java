package io.inbox.guard;

import io.inbox.domain.schema.SchemaContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds the lock a migration statement could not get. Read after the statement gave up, so from
 * {@code pg_locks} (what is granted now), not {@code pg_blocking_pids} (nothing waits any more).
 */
final class LockHolders {

  /** A table name as migrations write it: quoted identifier or string argument of a helper. */
  private static final Pattern QUOTED = Pattern.compile("[\"'](\\w+)[\"']");

  private static final String ON_TABLE =
      """
      SELECT l.pid, l.mode, coalesce(a.state, '?'), coalesce(a.application_name, ''),
             to_char(a.query_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"'),
             left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 80)
        FROM pg_locks l
        LEFT JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid()
         AND l.relation = to_regclass(?)
       ORDER BY a.xact_start NULLS LAST, l.pid
      """;

  private static final String MIGRATION_LOCK =
      """
      SELECT l.pid, l.mode, coalesce(a.state, '?'), coalesce(a.application_name, ''),
             to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"'),
             left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 80)
        FROM pg_locks l
        LEFT JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
         AND a.datname = current_database()
       ORDER BY a.backend_start NULLS LAST, l.pid
      """;

  private LockHolders() {}

  /**
   * One line: the contract's tables the failed statement names, and which sessions hold locks on
   * them.
   */
  static String onTables(
      Connection connection, SchemaContract contract, String statement, String lockTimeout)
      throws SQLException {
    Set<String> tables = tablesNamed(contract, statement);
    List<String> holders = new ArrayList<>();
    for (String table : tables) {
      for (String holder : holders(connection, ON_TABLE, "\"" + table + "\"", "query started")) {
        holders.add("\"" + table + "\" held by " + holder);
      }
    }
    String what =
        tables.isEmpty()
            ? "a table"
            : String.join(", ", tables.stream().map(t -> "\"" + t + "\"").toList());
    if (holders.isEmpty()) {
      return "Could not lock "
          + what
          + " within lock_timeout "
          + lockTimeout
          + "; the session holding it has finished since. Run migrate again.";
    }
    return "Could not lock "
        + what
        + " within lock_timeout "
        + lockTimeout
        + ": "
        + String.join("; ", holders)
        + ". Let that transaction finish or end it (SELECT pg_terminate_backend(<pid>)), then run"
        + " migrate again (GUARD_LOCK_TIMEOUT sets the wait).";
  }

  /** One line: who has held Flyway's migration lock all the time this guard waited. */
  static String onMigrationLock(Connection connection, int retries) throws SQLException {
    List<String> holders = holders(connection, MIGRATION_LOCK, null, "connected");
    return "Another migration held the migration lock for all of "
        + retries
        + " s"
        + (holders.isEmpty() ? "" : ": " + String.join("; ", holders))
        + ". Wait for it to finish (or end it if it is stuck), then run migrate again"
        + " (GUARD_MIGRATION_LOCK_RETRIES sets the wait).";
  }

  private static Set<String> tablesNamed(SchemaContract contract, String statement) {
    Set<String> tables = new LinkedHashSet<>();
    Matcher quoted = QUOTED.matcher(statement == null ? "" : statement);
    while (quoted.find()) {
      String name = quoted.group(1);
      if (contract.tables().stream().anyMatch(t -> t.name().equals(name))) {
        tables.add(name);
      }
    }
    return tables;
  }

  private static List<String> holders(Connection connection, String sql, String table, String since)
      throws SQLException {
    List<String> holders = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      if (table != null) {
        query.setString(1, table);
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          holders.add(
              "pid %d (%s, %s%s, %s %s: %s)"
                  .formatted(
                      rows.getInt(1),
                      rows.getString(2),
                      rows.getString(3),
                      rows.getString(4).isEmpty() ? "" : ", " + rows.getString(4),
                      since,
                      rows.getString(5),
                      rows.getString(6)));
        }
      }
    }
    return holders;
  }
}
