package io.inbox.domain.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prisma's {@code ?schema=} reaches both clients: a connection made from the mapped settings, as
 * Quarkus makes its JDBC and reactive pools, works in that schema and not in {@code public}.
 */
class SchemaFromUrlTest {

  private static final String DB = "inbox_domain_schema";
  private static Vertx vertx;
  private static Map<String, String> settings;

  @BeforeAll
  static void databaseWithTwoSchemas() {
    TestDatabase.create(DB);
    TestDatabase.execute(
        DB,
        """
        CREATE SCHEMA inbox;
        CREATE TABLE public."Contact" (id int);
        CREATE TABLE inbox."Contact" (id int);
        INSERT INTO inbox."Contact" VALUES (1), (2);
        """);
    settings =
        DatabaseUrlConfigSourceFactory.properties(
            "DATABASE_URL", TestDatabase.databaseUrl(DB) + "?schema=inbox&sslmode=disable", true);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() {
    vertx.close();
  }

  @Test
  void theReactiveClientWorksInTheUrlsSchema() throws Exception {
    PgConnectOptions options =
        PgConnectOptions.fromUri(settings.get("quarkus.datasource.reactive.url"))
            .setUser(settings.get("quarkus.datasource.username"));
    String answer =
        PgConnection.connect(vertx, options)
            .compose(
                c ->
                    c.query("SELECT current_schema() || ' ' || count(*) FROM \"Contact\"")
                        .execute()
                        .map(rows -> rows.iterator().next().getString(0))
                        .eventually(() -> c.close()))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertEquals("inbox 2", answer);
  }

  @Test
  void theJdbcClientWorksInTheUrlsSchema() throws Exception {
    Properties props = new Properties();
    props.setProperty("user", settings.get("quarkus.datasource.username"));
    try (Connection c =
            new org.postgresql.Driver()
                .connect(settings.get("quarkus.datasource.jdbc.url"), props);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT current_schema() || ' ' || count(*) FROM \"Contact\"")) {
      rs.next();
      assertEquals("inbox 2", rs.getString(1));
    }
  }

  @Test
  void theGuardIsToldTheSchema() {
    assertEquals("inbox", settings.get(DatabaseUrlConfigSourceFactory.SCHEMA_PROPERTY));
  }
}
