package io.inbox.domain.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A real, freshly created Postgres database for one test class (no Docker here, so no Dev
 * Services). Host, port and user come from the {@code test.pg.*} system properties the parent POM
 * sets; the server is the local one {@code .ci/run} starts.
 */
public final class TestDatabase {

  private TestDatabase() {}

  public static String host() {
    return System.getProperty("test.pg.host", "127.0.0.1");
  }

  public static int port() {
    return Integer.parseInt(System.getProperty("test.pg.port", "5432"));
  }

  public static String user() {
    return System.getProperty("test.pg.user", "postgres");
  }

  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
  }

  /** {@code postgresql://user@host:port/db}, the form users copy from their provider. */
  public static String databaseUrl(String database) {
    return "postgresql://" + user() + "@" + host() + ":" + port() + "/" + database;
  }

  /** Drops the database if a previous run left it, and creates it empty. */
  public static String create(String database) {
    try (Connection c = connect("postgres");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
      st.execute("CREATE DATABASE \"" + database + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot create test database " + database + " at " + host() + ":" + port(), e);
    }
    return jdbcUrl(database);
  }

  /**
   * The driver directly, not DriverManager: each Quarkus test application has its own class loader,
   * and DriverManager refuses a driver registered by another one ("No suitable driver").
   */
  public static Connection connect(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user());
    return new org.postgresql.Driver().connect(jdbcUrl(database), props);
  }

  /** Empties the database's public schema, dropping every table, index and constraint. */
  public static void resetSchema(String database) {
    execute(database, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  }

  /** The first column of the first row, as text; null when there is no row. */
  public static String value(String database, String sql) {
    try (Connection c = connect(database);
        Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed on " + database + ": " + e.getMessage(), e);
    }
  }

  public static long count(String database, String sql) {
    return Long.parseLong(value(database, sql));
  }

  /** Empties every product table and restarts their ids, between tests of one class. */
  public static void truncateProductTables(String database) {
    execute(
        database,
        """
        TRUNCATE "OutboundMessageLog", "OutboundJob", "Message", "Task", "Notification",
                 "Conversation", "Lead", "Contact", "WebhookEvent" RESTART IDENTITY CASCADE;
        TRUNCATE "Template", "ChannelPacing";
        DELETE FROM "Channel" WHERE NOT "isDefault";
        UPDATE "Channel" SET "pausedAt" = NULL, "pausedReason" = NULL,
                             "pausedTokenFingerprint" = NULL, "messagesPerSecond" = 80
         WHERE "pausedAt" IS NOT NULL OR "messagesPerSecond" <> 80;
        """);
  }

  /** Runs SQL (several statements allowed) against the database. */
  public static void execute(String database, String sql) {
    try (Connection c = connect(database);
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage(), e);
    }
  }
}
