package io.inbox.domain.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

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
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
      st.execute("CREATE DATABASE \"" + database + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot create test database " + database + " at " + host() + ":" + port(), e);
    }
    return jdbcUrl(database);
  }

  public static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user(), "");
  }

  /** Empties the database's public schema, dropping every table, index and constraint. */
  public static void resetSchema(String database) {
    execute(database, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
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
