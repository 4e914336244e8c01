package io.inbox.guard;

import io.agroal.api.AgroalDataSource;
import io.inbox.domain.schema.ProductSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.FlywayException;

/**
 * A migration that stopped because of something in the database an operator must fix (rows a new
 * CHECK constraint would reject), rather than because the schema is wrong: what blocks it, read
 * from the database, and what to do.
 */
@ApplicationScoped
public class MigrationBlockers {

  private static final String CHECK_VIOLATION = "23514";

  private final Instance<AgroalDataSource> dataSource;

  public MigrationBlockers(Instance<AgroalDataSource> dataSource) {
    this.dataSource = dataSource;
  }

  /** The lines to print, or none when the failure is not one of these. */
  public List<String> explain(FlywayException failure) throws SQLException {
    SQLException sql = DatabaseFailure.find(failure, SQLException.class);
    if (sql == null || !CHECK_VIOLATION.equals(sql.getSQLState())) {
      return List.of();
    }
    List<String> rows;
    try (Connection connection = dataSource.get().getConnection()) {
      rows = RowsOutsideChecks.describe(connection, ProductSchema.CONTRACT);
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "❌ Cannot add the status CHECK constraints: rows hold values the product never writes."
            + " Nothing was changed; migrate never rewrites data.");
    lines.addAll(rows);
    lines.add("Decide what each value means, run the UPDATEs, then run migrate again.");
    return lines;
  }
}
