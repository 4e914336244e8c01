package io.inbox.guard;

import static io.inbox.guard.GuardProcess.run;
import static io.inbox.guard.GuardProcess.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.testing.TestDatabase;
import io.inbox.guard.GuardProcess.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged guard as the init container runs it: a separate JVM per run, configured only by
 * environment variables, judged by exit code and output.
 */
class GuardProcessIT {

  @Test
  void threeGuardsMigratingOneEmptyDatabaseAtOnceAllSucceed() throws Exception {
    TestDatabase.create("inbox_guard_concurrent");
    Map<String, String> env =
        Map.of("DATABASE_URL", TestDatabase.databaseUrl("inbox_guard_concurrent"));
    List<Process> guards = new ArrayList<>();
    List<Path> outputs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path out = Files.createTempFile("guard", ".out");
      outputs.add(out);
      guards.add(start(env, out, "migrate"));
    }
    for (int i = 0; i < 3; i++) {
      assertTrue(guards.get(i).waitFor(120, TimeUnit.SECONDS), "guard " + i + " hung");
      String output = Files.readString(outputs.get(i), StandardCharsets.UTF_8);
      assertEquals(0, guards.get(i).exitValue(), output);
      assertTrue(output.contains("✅ Schema verification PASSED"), output);
    }
    assertEquals(0, run(env, "verify").exitCode());
  }

  @Test
  void percentEncodedPasswordAndSslModeDisableAreAccepted() throws Exception {
    TestDatabase.create("inbox_guard_url");
    String url =
        "postgresql://"
            + TestDatabase.user()
            + ":p%40ss%3Aw%2Frd@"
            + TestDatabase.host()
            + ":"
            + TestDatabase.port()
            + "/inbox_guard_url?sslmode=disable&pgbouncer=true";
    Run migrate = run(Map.of("DIRECT_URL", url), "migrate");
    assertEquals(0, migrate.exitCode(), migrate.out() + migrate.err());
    assertTrue(migrate.out().contains("(from DIRECT_URL)"));
    assertFalse((migrate.out() + migrate.err()).contains("p@ss"));

    Run verify = run(Map.of("DATABASE_URL", url), "verify");
    assertEquals(0, verify.exitCode());
    System.out.printf(
        "[measure] verify on an up-to-date database, JVM start included: %d ms%n", verify.millis());
  }

  @Test
  void prismaSchemaParameterIsWhereTheGuardMigratesAndVerifies() throws Exception {
    String db = "inbox_guard_schema";
    TestDatabase.create(db);
    String plain = TestDatabase.databaseUrl(db);
    assertEquals(0, run(Map.of("DATABASE_URL", plain), "migrate").exitCode());
    TestDatabase.execute(db, "CREATE SCHEMA inbox");

    Run emptySchema =
        run(Map.of("DATABASE_URL", plain + "?schema=inbox&sslmode=disable"), "verify");
    assertEquals(1, emptySchema.exitCode(), emptySchema.out() + emptySchema.err());
    assertTrue(emptySchema.out().contains("❌ Conversation: MISSING (table)"), emptySchema.out());
    int tables = ProductSchema.CONTRACT.tables().size();
    assertTrue(
        emptySchema.out().contains("❌ Schema verification FAILED (" + tables + " problems)"),
        emptySchema.out());

    String crm = plain + "?schema=crm&sslmode=disable";
    Run migrate = run(Map.of("DIRECT_URL", crm), "migrate");
    assertEquals(0, migrate.exitCode(), migrate.out() + migrate.err());
    assertTrue(migrate.out().contains(", schema crm (from DIRECT_URL)"), migrate.out());
    assertEquals(
        "Channel,ChannelPacing,Contact,Conversation,InboxEvent,Lead,Message,Notification,OrchestratorRun,"
            + "OutboundJob,OutboundMessageLog,Task,Template,WebhookEvent,flyway_schema_history",
        TestDatabase.value(
            db,
            "SELECT string_agg(tablename, ',' ORDER BY tablename COLLATE \"C\")"
                + " FROM pg_tables WHERE schemaname = 'crm'"));
    assertEquals(0, run(Map.of("DATABASE_URL", crm), "verify").exitCode());

    TestDatabase.execute(
        db,
        """
        INSERT INTO crm."Contact" ("phone") VALUES ('+260777711059');
        INSERT INTO crm."Conversation" ("contactId") VALUES (1);
        """);
    Run fks = run(Map.of("DATABASE_URL", crm), "verify-fks", "--conversation-id", "1");
    assertEquals(0, fks.exitCode(), fks.out() + fks.err());
    assertTrue(fks.out().startsWith("✅ Conversation 1 exists"), fks.out());
  }

  @Test
  void aQuotedOrMixedCaseSchemaIsRefusedWithExit2() throws Exception {
    Run run =
        run(
            Map.of("DATABASE_URL", "postgresql://u:secret@127.0.0.1/inbox?schema=My-Inbox"),
            "verify");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "❌ DATABASE_URL is not a valid PostgreSQL URL: schema=My-Inbox is not a simple"
                    + " schema name"),
        run.err());
    assertNoStackTraceOrSecret(run);
  }

  @Test
  void aTableLockedByAnotherSessionExits2NamingTheTableAndTheHolder() throws Exception {
    String db = "inbox_guard_lock";
    TestDatabase.create(db);
    GuardDatabase.loadLegacyWithRows(db);
    Map<String, String> env =
        Map.of("DATABASE_URL", TestDatabase.databaseUrl(db), "GUARD_LOCK_TIMEOUT", "1s");
    try (Connection holder = TestDatabase.connect(db);
        Statement statement = holder.createStatement()) {
      holder.setAutoCommit(false);
      // V2 must ALTER "Conversation" (the legacy table lacks "deletedAt"): it cannot while this
      // transaction stays open.
      statement.execute("LOCK TABLE \"Conversation\" IN ACCESS EXCLUSIVE MODE");
      ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()");
      pid.next();

      Run blocked = run(env, "migrate");
      assertEquals(2, blocked.exitCode(), blocked.out() + blocked.err());
      List<String> lines = blocked.err().lines().toList();
      assertEquals(1, lines.size(), blocked.err());
      String expected =
          "❌ Could not lock \"Conversation\" within lock_timeout 1s: \"Conversation\" held by pid "
              + pid.getInt(1)
              + " (AccessExclusiveLock, idle in transaction, PostgreSQL JDBC Driver, query started ";
      assertTrue(lines.get(0).startsWith(expected), lines.get(0));
      assertTrue(lines.get(0).contains(" UTC: SELECT pg_backend_pid())."), lines.get(0));
      assertTrue(lines.get(0).contains("SELECT pg_terminate_backend(<pid>)"), lines.get(0));
      holder.rollback();
    }
    Run afterwards = run(env, "migrate");
    assertEquals(0, afterwards.exitCode(), afterwards.out() + afterwards.err());
  }

  @Test
  void aLockTimeoutThatIsNotADurationExits2() throws Exception {
    Run run =
        run(
            Map.of(
                "DATABASE_URL", "postgresql://u@127.0.0.1/inbox", "GUARD_LOCK_TIMEOUT", "1s'; x"),
            "migrate");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().contains("❌ GUARD_LOCK_TIMEOUT=1s'; x is not a duration: use e.g. 10s"),
        run.err());
  }

  @Test
  void unreachableDatabaseExits2SayingWhatToCheck() throws Exception {
    Run run = run(Map.of("DATABASE_URL", "postgresql://u:secret@127.0.0.1:1/inbox"), "verify");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().contains("❌ Cannot connect to the database at 127.0.0.1:1/inbox"), run.err());
    assertTrue(run.err().contains("Check the host, port and sslmode in DATABASE_URL"), run.err());
    assertNoStackTraceOrSecret(run);
  }

  @Test
  void unknownRoleAndMissingDatabaseExit2() throws Exception {
    Run role =
        run(
            Map.of(
                "DATABASE_URL",
                TestDatabase.databaseUrl("postgres")
                    .replace(TestDatabase.user() + "@", "nobody_here@")),
            "verify");
    assertEquals(2, role.exitCode());
    assertTrue(role.err().contains("❌ The database refused user \"nobody_here\""), role.err());

    Run database =
        run(Map.of("DATABASE_URL", TestDatabase.databaseUrl("no_such_inbox_db")), "verify");
    assertEquals(2, database.exitCode());
    assertTrue(
        database.err().contains("❌ Database \"no_such_inbox_db\" does not exist"), database.err());
    assertNoStackTraceOrSecret(database);
  }

  @Test
  void badOrMissingUrlExits2() throws Exception {
    Run bad = run(Map.of("DATABASE_URL", "mysql://u:secret@h/db"), "verify");
    assertEquals(2, bad.exitCode());
    assertTrue(
        bad.err()
            .contains(
                "❌ DATABASE_URL is not a valid PostgreSQL URL: the scheme must be postgresql:// or postgres://"),
        bad.err());
    assertNoStackTraceOrSecret(bad);

    Run none = run(Map.of(), "verify");
    assertEquals(2, none.exitCode());
    assertTrue(
        none.err().contains("❌ No database configured. Set DIRECT_URL or DATABASE_URL"),
        none.err());
  }

  @Test
  void missingPrivilegesExit2NamingTheGrant() throws Exception {
    TestDatabase.create("inbox_guard_perm");
    GuardDatabase.loadLegacyWithRows("inbox_guard_perm");
    TestDatabase.execute(
        "inbox_guard_perm",
        """
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'inbox_guard_limited') THEN
            CREATE ROLE inbox_guard_limited LOGIN;
          END IF;
        END $$;
        """);
    String url =
        "postgresql://inbox_guard_limited@"
            + TestDatabase.host()
            + ":"
            + TestDatabase.port()
            + "/inbox_guard_perm";

    Run noCreate = run(Map.of("DIRECT_URL", url), "migrate");
    assertEquals(2, noCreate.exitCode(), noCreate.out() + noCreate.err());
    assertTrue(
        noCreate.err().contains("GRANT USAGE, CREATE ON SCHEMA public TO \"inbox_guard_limited\";"),
        noCreate.err());

    TestDatabase.execute(
        "inbox_guard_perm", "GRANT USAGE, CREATE ON SCHEMA public TO inbox_guard_limited");
    Run notOwner = run(Map.of("DIRECT_URL", url), "migrate");
    assertEquals(2, notOwner.exitCode(), notOwner.out() + notOwner.err());
    assertTrue(notOwner.err().contains("must be owner of table"), notOwner.err());
    assertTrue(notOwner.err().contains("OWNER TO \"inbox_guard_limited\";"), notOwner.err());
    assertNoStackTraceOrSecret(notOwner);
    assertEquals(2, GuardDatabase.count("inbox_guard_perm", "Message"));
  }

  private static void assertNoStackTraceOrSecret(Run run) {
    String all = run.out() + run.err();
    assertFalse(all.contains("\tat "), all);
    assertFalse(all.contains("secret"), all);
  }
}
