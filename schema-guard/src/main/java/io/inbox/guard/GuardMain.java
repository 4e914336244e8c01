package io.inbox.guard;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code schema-guard migrate | verify | verify-fks [--conversation-id N] | grant --role NAME}.
 * Exit 0: the schema is what the product needs; 1: it is not (drift, failed migration, missing
 * conversation); 2: the guard could not do its job (no or bad connection settings, unreachable
 * database, permission, a lock another session holds, rows an operator must fix first).
 */
@QuarkusMain
public class GuardMain implements QuarkusApplication {

  static final int OK = 0;
  static final int DRIFT = 1;
  static final int CANNOT_RUN = 2;

  private static final String USAGE =
      """
      Usage: schema-guard <command>
        migrate                           apply pending migrations (safe to run from many pods at
                                          once), then verify
        verify                            compare the database with the expected schema (read-only)
        verify-fks --conversation-id N    foreign-key report of one conversation (or CONVERSATION_ID)
        grant [--role NAME]               let the services' role (or SERVICES_DB_ROLE) read and write
                                          the product's rows and nothing else (after migrate, as the
                                          schema owner); without a role, nothing to do
      Connection: DIRECT_URL, else DATABASE_URL (postgresql://user:pass@host:5432/db?sslmode=require,
      &schema=NAME to work in that schema), or QUARKUS_DATASOURCE_JDBC_URL / _USERNAME / _PASSWORD.
      Locks: GUARD_LOCK_TIMEOUT (10s) for each migration's DDL; GUARD_MIGRATION_LOCK_RETRIES (300, one a
      second) while another guard migrates.
      Exit codes: 0 schema ok, 1 schema not ok, 2 cannot run (configuration, connection, permission,
      a lock not granted in time, rows a new constraint would reject).""";

  private final DatabaseTarget target;
  private final LockSettings locks;
  private final SchemaMigrator migrator;
  private final SchemaVerifier verifier;
  private final ConversationFkChecker fkChecker;
  private final RoleGrants grants;

  @Inject
  public GuardMain(
      DatabaseTarget target,
      LockSettings locks,
      SchemaMigrator migrator,
      SchemaVerifier verifier,
      ConversationFkChecker fkChecker,
      RoleGrants grants) {
    this.target = target;
    this.locks = locks;
    this.migrator = migrator;
    this.verifier = verifier;
    this.fkChecker = fkChecker;
    this.grants = grants;
  }

  @Override
  public int run(String... args) {
    PrintStream out = System.out;
    List<String> arguments = Arrays.asList(args);
    if (arguments.isEmpty() || List.of("help", "--help", "-h").contains(arguments.get(0))) {
      out.println(USAGE);
      return arguments.isEmpty() ? CANNOT_RUN : OK;
    }
    String command = arguments.get(0);
    if (!List.of("migrate", "verify", "verify-fks", "grant").contains(command)) {
      System.err.println("❌ Unknown command \"" + command + "\".");
      System.err.println(USAGE);
      return CANNOT_RUN;
    }
    var misconfiguration = target.misconfiguration().or(locks::misconfiguration);
    if (misconfiguration.isPresent()) {
      System.err.println("❌ " + misconfiguration.get());
      return CANNOT_RUN;
    }
    try {
      return switch (command) {
        case "migrate" -> migrator.migrate(out);
        case "verify" -> verifier.verify(out);
        case "grant" -> grants.grant(arguments.subList(1, arguments.size()), out);
        default -> fkChecker.check(arguments.subList(1, arguments.size()), out);
      };
    } catch (RuntimeException | java.sql.SQLException e) {
      var explained = DatabaseFailure.explain(e, target);
      if (explained.isPresent()) {
        System.err.println("❌ " + explained.get());
        return CANNOT_RUN;
      }
      System.err.println("❌ " + command + " failed: " + DatabaseFailure.rootMessage(e));
      return DRIFT;
    }
  }
}
