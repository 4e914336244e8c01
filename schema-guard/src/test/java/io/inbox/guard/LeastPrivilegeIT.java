package io.inbox.guard;

import static io.inbox.guard.GuardProcess.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.testing.TestDatabase;
import io.inbox.guard.GuardProcess.Run;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two real roles, as production runs them: the guard migrates as the schema's owner (DIRECT_URL),
 * the services connect as a role that {@code grant} lets read and write rows and nothing else.
 */
class LeastPrivilegeIT {

  private static final String DB = "inbox_guard_roles";
  private static final String OWNER = "inbox_owner_it";
  private static final String SERVICES = "inbox_services_it";

  @Test
  void theServicesRoleReadsAndWritesRowsAfterGrantAndNothingElse() throws Exception {
    TestDatabase.create(DB);
    for (String role : new String[] {OWNER, SERVICES}) {
      TestDatabase.execute(
          DB,
          "DO $$ BEGIN CREATE ROLE "
              + role
              + " LOGIN;"
              + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }
    TestDatabase.execute(DB, "ALTER DATABASE " + DB + " OWNER TO " + OWNER);
    Map<String, String> owner = Map.of("DIRECT_URL", url(OWNER));
    Map<String, String> services = Map.of("DATABASE_URL", url(SERVICES));

    Run migrate = run(owner, "migrate");
    assertEquals(0, migrate.exitCode(), migrate.out() + migrate.err());

    Run before = run(services, "verify");
    assertEquals(1, before.exitCode(), before.out() + before.err());
    assertTrue(
        before
            .out()
            .contains(
                "❌ Message: PRIVILEGES missing SELECT, INSERT, UPDATE, DELETE, USAGE ON"
                    + " Message_id_seq for role "
                    + SERVICES
                    + "; run: schema-guard grant --role "
                    + SERVICES),
        before.out());

    Run grant = run(Map.of("DIRECT_URL", url(OWNER), "SERVICES_DB_ROLE", SERVICES), "grant");
    assertEquals(0, grant.exitCode(), grant.out() + grant.err());
    int tables = ProductSchema.CONTRACT.tables().size();
    assertTrue(
        grant
            .out()
            .contains(
                "✅ Granted SELECT, INSERT, UPDATE, DELETE on "
                    + tables
                    + " tables and USAGE on "
                    // ChannelPacing's key is its channel's id: the one table without a sequence.
                    + (tables - 1)
                    + " id sequences of schema public to "
                    + SERVICES
                    + "; nothing else (no DDL)"),
        grant.out());
    assertEquals(0, run(owner, "grant", "--role=" + SERVICES).exitCode(), "grant is idempotent");
    Run after = run(services, "verify");
    assertEquals(0, after.exitCode(), after.out());

    try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl(DB), SERVICES, "");
        Statement sql = c.createStatement()) {
      sql.execute(
          """
          INSERT INTO "Contact" ("phone") VALUES ('+260777700001');
          INSERT INTO "Conversation" ("contactId") SELECT "id" FROM "Contact";
          INSERT INTO "Message" ("conversationId", "direction", "body")
               SELECT "id", 'INBOUND', 'hello' FROM "Conversation";
          """);
      assertEquals("1", TestDatabase.value(DB, "SELECT count(*) FROM \"InboxEvent\""));
      assertDenied(sql, "CREATE TABLE \"Extra\" (id int)", "permission denied for schema public");
      assertDenied(sql, "ALTER TABLE \"Message\" ADD COLUMN \"x\" TEXT", "must be owner");
      assertDenied(sql, "DROP TABLE \"WebhookEvent\"", "must be owner");
      assertDenied(sql, "SELECT * FROM flyway_schema_history", "permission denied");
    }
  }

  @Test
  void grantRefusesAMissingOrMalformedRoleAndChangesNothing() throws Exception {
    TestDatabase.create("inbox_guard_grant_bad");
    Map<String, String> env =
        Map.of("DATABASE_URL", TestDatabase.databaseUrl("inbox_guard_grant_bad"));
    assertEquals(0, run(env, "migrate").exitCode());

    Run missing = run(env, "grant", "--role", "nobody_here");
    assertEquals(2, missing.exitCode());
    assertEquals(
        "❌ Role nobody_here does not exist. Create it first: CREATE ROLE nobody_here LOGIN"
            + " PASSWORD '…';",
        missing.err().strip());
    Run malformed = run(env, "grant", "--role", "App; DROP TABLE x");
    assertEquals(2, malformed.exitCode());
    assertTrue(malformed.err().contains("is not a plain lower-case name"), malformed.err());
    Run none = run(env, "grant");
    assertEquals(0, none.exitCode(), none.err());
    assertTrue(none.out().contains("⏭️ No services role to grant"), none.out());
  }

  private static String url(String role) {
    return "postgresql://"
        + role
        + "@"
        + TestDatabase.host()
        + ":"
        + TestDatabase.port()
        + "/"
        + DB
        + "?sslmode=disable";
  }

  private static void assertDenied(Statement sql, String statement, String reason) {
    SQLException e = assertThrows(SQLException.class, () -> sql.execute(statement));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
