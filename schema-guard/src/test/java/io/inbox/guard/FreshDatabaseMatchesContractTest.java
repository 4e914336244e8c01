package io.inbox.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.schema.LiveCatalog;
import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.schema.SchemaContract;
import io.inbox.domain.schema.SchemaDrift;
import io.inbox.domain.sql.TextRows;
import io.inbox.domain.testing.TestDatabase;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract and the migrations cannot drift apart: a database migrated from scratch has exactly
 * what {@link ProductSchema} declares on the product's tables, nothing missing and nothing extra:
 * columns, column defaults (but the ids' sequences, which come with the primary key), primary keys,
 * indexes, foreign keys and CHECK constraints.
 */
@QuarkusMainTest
class FreshDatabaseMatchesContractTest {

  @BeforeAll
  static void emptyDatabase() {
    TestDatabase.create(GuardCommandsTest.DB);
  }

  @Test
  void migratedFromScratchEqualsTheContract(QuarkusMainLauncher launcher) throws Exception {
    assertEquals(0, launcher.launch("migrate").exitCode());
    List<String[]> rows;
    try (Connection c = TestDatabase.connect(GuardCommandsTest.DB)) {
      rows = TextRows.query(c, LiveCatalog.QUERY);
    }
    SchemaContract contract = ProductSchema.CONTRACT;
    SchemaDrift.Report report = SchemaDrift.compare(contract, LiveCatalog.fromRows(rows));
    assertTrue(report.passed(), () -> report.problems().toString());

    Set<String> tables =
        contract.tables().stream().map(SchemaContract.Table::name).collect(Collectors.toSet());
    Set<String> live = new TreeSet<>();
    for (String[] row : rows) {
      if (row[0].equals("privileges")) {
        continue; // the connected role's rights, not an object of the schema
      }
      boolean primaryKey = row[0].equals("index") && row[2].endsWith("_pkey");
      if (tables.contains(row[1]) && !primaryKey) {
        live.add(row[0] + " " + (row[0].equals("column") ? row[1] + "." + row[2] : row[2]));
      }
      boolean sequence = row[5] != null && row[5].startsWith("nextval(");
      if (tables.contains(row[1]) && row[0].equals("column") && row[5] != null && !sequence) {
        live.add("default " + row[1] + "." + row[2] + " " + row[5]);
      }
    }
    Set<String> declared = new TreeSet<>();
    contract
        .tables()
        .forEach(
            t -> {
              declared.add("pk " + t.primaryKey().name());
              t.columns().forEach(c -> declared.add("column " + t.name() + "." + c.name()));
              t.columns().stream()
                  .filter(c -> c.defaultValue() != null)
                  .forEach(
                      c ->
                          declared.add(
                              "default " + t.name() + "." + c.name() + " " + c.defaultValue()));
            });
    contract.indexes().forEach(i -> declared.add("index " + i.name()));
    contract.foreignKeys().forEach(f -> declared.add("fk " + f.name()));
    contract.checks().forEach(c -> declared.add("check " + c.name()));
    contract.triggers().forEach(t -> declared.add("trigger " + t.name()));
    assertEquals(declared, live);
  }
}
