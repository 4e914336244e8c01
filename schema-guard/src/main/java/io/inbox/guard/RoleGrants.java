package io.inbox.guard;

import io.agroal.api.AgroalDataSource;
import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.schema.SchemaContract.Table;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * {@code grant --role NAME}: least privilege for the services. The guard migrates as the role that
 * owns the schema (DIRECT_URL); the services connect as NAME, which this lets read and write the
 * rows of the product's tables (and draw their ids) and nothing else: no DDL, no other table. Run
 * it after every migrate that adds a table; it is idempotent. The role comes from {@code --role} or
 * {@code SERVICES_DB_ROLE}; with neither, the services connect as the owner and there is nothing to
 * grant (a deployment from before least privilege keeps starting).
 */
@ApplicationScoped
public class RoleGrants {

  /** A role name as operators create them, used unquoted-equivalent; anything else is refused. */
  private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private static final String ROW_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE";

  /** The sequences behind the tables' serial / identity ids. */
  private static final String OWNED_SEQUENCES =
      """
      SELECT s.relname
        FROM pg_class t
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_depend d ON d.refobjid = t.oid AND d.classid = 'pg_class'::regclass
                        AND d.deptype IN ('a', 'i')
        JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       WHERE n.nspname = current_schema() AND t.relname = ANY (?)
       ORDER BY 1
      """;

  /**
   * Postgres refuses two GRANTs on one table at the same instant ("tuple concurrently updated"),
   * and every starting pod runs this: they take turns.
   */
  private static final String ONE_AT_A_TIME = "SELECT pg_advisory_xact_lock(7346191827)";

  // Instance: with no URL configured the datasource is inactive, and GuardMain says so before use.
  private final Instance<AgroalDataSource> dataSource;
  private final Config config;

  public RoleGrants(Instance<AgroalDataSource> dataSource, Config config) {
    this.dataSource = dataSource;
    this.config = config;
  }

  public int grant(List<String> options, PrintStream out) throws SQLException {
    Optional<String> role =
        role(options)
            .or(() -> config.getOptionalValue("SERVICES_DB_ROLE", String.class))
            .filter(r -> !r.isBlank());
    if (role.isEmpty()) {
      out.println(
          "⏭️ No services role to grant (--role NAME or SERVICES_DB_ROLE): the services connect as"
              + " the schema owner");
      return GuardMain.OK;
    }
    String name = role.get().strip();
    if (!ROLE.matcher(name).matches()) {
      System.err.println(
          "❌ Role \"" + name + "\" is not a plain lower-case name (a-z, 0-9, _; 63 at most).");
      return GuardMain.CANNOT_RUN;
    }
    try (Connection connection = dataSource.get().getConnection()) {
      if (!exists(connection, name)) {
        System.err.println(
            "❌ Role "
                + name
                + " does not exist. Create it first: CREATE ROLE "
                + name
                + " LOGIN PASSWORD '…';");
        return GuardMain.CANNOT_RUN;
      }
      List<String> tables = ProductSchema.CONTRACT.tables().stream().map(Table::name).toList();
      List<String> sequences = sequences(connection, tables);
      connection.setAutoCommit(false);
      try (Statement grants = connection.createStatement()) {
        grants.execute(ONE_AT_A_TIME);
        grants.execute("GRANT USAGE ON SCHEMA " + quote(schema(connection)) + " TO " + name);
        for (String table : tables) {
          grants.execute("GRANT " + ROW_PRIVILEGES + " ON TABLE " + quote(table) + " TO " + name);
        }
        for (String sequence : sequences) {
          grants.execute("GRANT USAGE, SELECT ON SEQUENCE " + quote(sequence) + " TO " + name);
        }
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
      out.println(
          "✅ Granted "
              + ROW_PRIVILEGES
              + " on "
              + tables.size()
              + " tables and USAGE on "
              + sequences.size()
              + " id sequences of schema "
              + schema(connection)
              + " to "
              + name
              + "; nothing else (no DDL)");
      return GuardMain.OK;
    }
  }

  private static Optional<String> role(List<String> options) {
    for (int i = 0; i < options.size(); i++) {
      String option = options.get(i);
      if (option.startsWith("--role=")) {
        return Optional.of(option.substring("--role=".length()));
      }
      if (option.equals("--role") && i + 1 < options.size()) {
        return Optional.of(options.get(i + 1));
      }
    }
    return Optional.empty();
  }

  private static boolean exists(Connection connection, String role) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      query.setString(1, role);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static List<String> sequences(Connection connection, List<String> tables)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(OWNED_SEQUENCES)) {
      query.setArray(1, connection.createArrayOf("text", tables.toArray()));
      List<String> names = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      return names;
    }
  }

  private static String schema(Connection connection) throws SQLException {
    try (Statement query = connection.createStatement();
        ResultSet rows = query.executeQuery("SELECT current_schema()")) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** Identifiers come from the contract or the catalog, never from input. */
  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
