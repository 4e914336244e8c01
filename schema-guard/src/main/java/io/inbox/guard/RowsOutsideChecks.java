package io.inbox.guard;

import io.inbox.domain.schema.SchemaContract;
import io.inbox.domain.schema.SchemaContract.CheckConstraint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Why adding the status CHECK constraints stopped: rows holding values the product never writes.
 * Only the operator knows what such a legacy value meant, so migrate never rewrites it: this names
 * each value (table, column, count, a few ids) and the UPDATE that would make it valid.
 */
final class RowsOutsideChecks {

  private static final int IDS_SHOWN = 5;

  private RowsOutsideChecks() {}

  /** One line per offending value and one with its fix; empty when every row is valid. */
  static List<String> describe(Connection connection, SchemaContract contract) throws SQLException {
    List<String> lines = new ArrayList<>();
    for (CheckConstraint check : contract.checks()) {
      if (!columnExists(connection, check)) {
        continue; // a later migration adds it, with a valid default: no legacy value to name
      }
      try (PreparedStatement query = connection.prepareStatement(offendingValues(check))) {
        query.setArray(1, connection.createArrayOf("text", check.allowed().toArray()));
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            String value = rows.getString(1);
            long count = rows.getLong(2);
            lines.add(
                "❌ %s.%s = %s in %d %s (%s) breaks %s, which allows %s"
                    .formatted(
                        check.table(),
                        check.column(),
                        CheckConstraint.literal(value),
                        count,
                        count == 1 ? "row" : "rows",
                        ids(rows.getString(3), count),
                        check.name(),
                        String.join(", ", check.allowed())));
            lines.add("   Fix: " + update(check, value));
          }
        }
      }
    }
    return lines;
  }

  private static boolean columnExists(Connection connection, CheckConstraint check)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT 1 FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?")) {
      query.setString(1, check.table());
      query.setString(2, check.column());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** Identifiers come from the contract, never from input. */
  private static String offendingValues(CheckConstraint check) {
    return """
        SELECT "%2$s", count(*), array_to_string((array_agg("id" ORDER BY "id"))[1:%3$d], ', ')
          FROM "%1$s"
         WHERE "%2$s" <> ALL (?)
         GROUP BY 1
         ORDER BY 1
        """
        .formatted(check.table(), check.column(), IDS_SHOWN);
  }

  private static String ids(String shown, long count) {
    return (count == 1 ? "id " : "ids ") + shown + (count > IDS_SHOWN ? ", …" : "");
  }

  /**
   * The UPDATE for one value: a value that differs only in case or spaces has an obvious
   * replacement; any other needs the operator's choice among the allowed values.
   */
  private static String update(CheckConstraint check, String value) {
    String replacement =
        check.allowed().stream()
            .filter(allowed -> allowed.equalsIgnoreCase(value.strip()))
            .findFirst()
            .map(CheckConstraint::literal)
            .orElse("'<" + String.join("|", check.allowed()) + ">'");
    return "UPDATE \"%1$s\" SET \"%2$s\" = %3$s WHERE \"%2$s\" = %4$s;"
        .formatted(check.table(), check.column(), replacement, CheckConstraint.literal(value));
  }
}
