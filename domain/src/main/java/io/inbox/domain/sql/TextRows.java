package io.inbox.domain.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a read-only query whose columns are all text and returns each row as strings over JDBC
 * (schema-guard). {@link ReactiveTextRows} does the same over the reactive client (services), so
 * the catalog and report queries need no per-client mapping code.
 */
public final class TextRows {

  private TextRows() {}

  public static List<String[]> query(Connection connection, String sql) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        String[] row = new String[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getString(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
