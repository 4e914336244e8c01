package io.inbox.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code migrate}: applies pending migrations under Flyway's Postgres advisory lock, so guards
 * started by several pods at once run them one after the other, then verifies.
 */
@ApplicationScoped
public class SchemaMigrator {

  private final Instance<Flyway> flyway;
  private final SchemaVerifier verifier;
  private final DatabaseTarget target;
  private final MigrationBlockers blockers;

  public SchemaMigrator(
      Instance<Flyway> flyway,
      SchemaVerifier verifier,
      DatabaseTarget target,
      MigrationBlockers blockers) {
    this.flyway = flyway;
    this.verifier = verifier;
    this.target = target;
    this.blockers = blockers;
  }

  public int migrate(PrintStream out) throws SQLException {
    Flyway migrations = flyway.get();
    out.println(
        "⏳ Migrating "
            + target.location()
            + target.schema().map(schema -> ", schema " + schema).orElse("")
            + " (from "
            + target.source()
            + "); waits while another guard holds the migration lock");
    retryFailedMigrations(migrations, out);
    MigrateResult result;
    try {
      result = migrations.migrate();
    } catch (FlywayException e) {
      List<String> blocked = blockers.explain(e);
      if (blocked.isEmpty()) {
        throw e;
      }
      blocked.forEach(System.err::println);
      return GuardMain.CANNOT_RUN;
    }
    if (result.migrations.isEmpty()) {
      MigrationInfo current = migrations.info().current();
      out.println(
          "✅ No pending migrations (schema version "
              + (current == null ? "none" : current.getVersion())
              + ")");
    }
    for (MigrateOutput applied : result.migrations) {
      out.println(
          "✅ Applied V"
              + applied.version
              + " "
              + applied.description
              + " ("
              + applied.executionTime
              + " ms)");
    }
    return verifier.verify(out);
  }

  /**
   * A migration that runs outside a transaction (V3's concurrent index builds) and failed midway
   * leaves a FAILED history row that blocks every later migrate. Every migration here is
   * idempotent, so removing that row and running it again is safe.
   */
  private static void retryFailedMigrations(Flyway migrations, PrintStream out) {
    boolean failed =
        Arrays.stream(migrations.info().all())
            .map(MigrationInfo::getState)
            .anyMatch(state -> state == MigrationState.FAILED);
    if (failed) {
      out.println(
          "⚠️ A previous migrate failed midway; its migrations are idempotent, retrying them");
      migrations.repair();
    }
  }
}
