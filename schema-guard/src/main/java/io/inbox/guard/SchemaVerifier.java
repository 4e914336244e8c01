package io.inbox.guard;

import io.agroal.api.AgroalDataSource;
import io.inbox.domain.schema.LiveCatalog;
import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.schema.SchemaDrift;
import io.inbox.domain.sql.TextRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;

/** {@code verify}: the live catalog against the product's contract, read-only. */
@ApplicationScoped
public class SchemaVerifier {

  // Instance: with no URL configured the datasource is inactive, and GuardMain says so before use.
  private final Instance<AgroalDataSource> dataSource;

  public SchemaVerifier(Instance<AgroalDataSource> dataSource) {
    this.dataSource = dataSource;
  }

  public int verify(PrintStream out) throws SQLException {
    SchemaDrift.Report report;
    try (Connection connection = dataSource.get().getConnection()) {
      report =
          SchemaDrift.compare(
              ProductSchema.CONTRACT,
              LiveCatalog.fromRows(TextRows.query(connection, LiveCatalog.QUERY)));
    }
    report.checks().forEach(check -> out.println(check.line()));
    out.println(report.verdict());
    return report.passed() ? GuardMain.OK : GuardMain.DRIFT;
  }
}
