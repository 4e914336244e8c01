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
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * A migration that stopped because of something in the database an operator must deal with, rather
 * than because the schema is wrong: a lock another session holds, or rows a new CHECK constraint
 * would reject. Says what blocks it, read from the database, and what to do.
 */
@ApplicationScoped
public class MigrationBlockers {

  private static final String CHECK_VIOLATION = "23514";
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  /** How Flyway says its retries for the migration lock ran out (it has no SQLSTATE). */
  private static final String MIGRATION_LOCK_RETRIES_EXCEEDED =
      "Number of retries exceeded while attempting to acquire PostgreSQL advisory lock";

  private final Instance<AgroalDataSource> dataSource;
  private final LockSettings locks;

  public MigrationBlockers(Instance<AgroalDataSource> dataSource, LockSettings locks) {
    this.dataSource = dataSource;
    this.locks = locks;
  }

  /** The lines to print, or none when the failure is not one of these. */
  public List<String> explain(FlywayException failure) throws SQLException {
    SQLException sql = DatabaseFailure.find(failure, SQLException.class);
    String state = sql == null ? "" : String.valueOf(sql.getSQLState());
    boolean migrationLock =
        String.valueOf(failure.getMessage()).contains(MIGRATION_LOCK_RETRIES_EXCEEDED);
    if (!migrationLock && !state.equals(LOCK_NOT_AVAILABLE) && !state.equals(CHECK_VIOLATION)) {
      return List.of();
    }
    try (Connection connection = dataSource.get().getConnection()) {
      if (migrationLock) {
        return List.of(
            "❌ " + LockHolders.onMigrationLock(connection, locks.migrationLockRetries()));
      }
      return state.equals(LOCK_NOT_AVAILABLE)
          ? List.of("❌ " + lockNotGranted(connection, failure))
          : rowsOutsideChecks(connection);
    }
  }

  private String lockNotGranted(Connection connection, FlywayException failure)
      throws SQLException {
    FlywaySqlScriptException script = DatabaseFailure.find(failure, FlywaySqlScriptException.class);
    return LockHolders.onTables(
        connection,
        ProductSchema.CONTRACT,
        script == null ? null : script.getStatement(),
        locks.lockTimeout());
  }

  private static List<String> rowsOutsideChecks(Connection connection) throws SQLException {
    List<String> rows = RowsOutsideChecks.describe(connection, ProductSchema.CONTRACT);
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
