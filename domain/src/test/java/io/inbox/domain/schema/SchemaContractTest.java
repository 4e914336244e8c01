package io.inbox.domain.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inbox.domain.schema.SchemaContract.CheckConstraint;
import io.inbox.domain.schema.SchemaContract.Column;
import io.inbox.domain.schema.SchemaContract.DeleteRule;
import io.inbox.domain.schema.SchemaContract.ForeignKey;
import io.inbox.domain.schema.SchemaContract.Index;
import io.inbox.domain.schema.SchemaContract.PrimaryKey;
import io.inbox.domain.schema.SchemaContract.Table;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The builder and the views of a contract, on a small contract built here (the product's contract
 * is built once in a static initializer, so mutation testing cannot see its builder calls).
 */
class SchemaContractTest {

  private enum Color {
    RED,
    GREEN
  }

  private static SchemaContract contract() {
    return SchemaContract.builder()
        .table("Parent")
        .primaryKey("id")
        .notNull("id", "integer")
        .table("Child")
        .primaryKey("id", "parentId")
        .notNull("id", "integer")
        .byDefault("0")
        .nullable("parentId", "integer")
        .notNull("status", "text")
        .byDefault("'RED'::text")
        .index("Child_parentId_idx", "parentId")
        .unique("Child_status_key", "status", "id")
        .references("parentId", "Parent", DeleteRule.RESTRICT)
        .check("status", Color.class)
        .table("Aunt")
        .primaryKey("id")
        .nullable("parentId", "integer")
        .references("parentId", "Parent", DeleteRule.CASCADE)
        .check("kind", "a'b", "c")
        .build();
  }

  @Test
  void builderDeclaresTablesColumnsDefaultsIndexesKeysAndChecksInOrder() {
    SchemaContract contract = contract();
    assertEquals(
        List.of(
            new Table(
                "Parent",
                new PrimaryKey("Parent_pkey", List.of("id")),
                List.of(new Column("id", "integer", false, null))),
            new Table(
                "Child",
                new PrimaryKey("Child_pkey", List.of("id", "parentId")),
                List.of(
                    new Column("id", "integer", false, "0"),
                    new Column("parentId", "integer", true, null),
                    new Column("status", "text", false, "'RED'::text"))),
            new Table(
                "Aunt",
                new PrimaryKey("Aunt_pkey", List.of("id")),
                List.of(new Column("parentId", "integer", true, null)))),
        contract.tables());
    assertEquals(
        List.of(
            new Index("Child_parentId_idx", "Child", List.of("parentId"), false, null),
            new Index("Child_status_key", "Child", List.of("status", "id"), true, null)),
        contract.indexes());
    assertEquals(
        List.of(
            new ForeignKey(
                "Child_parentId_fkey", "Child", "parentId", "Parent", "id", DeleteRule.RESTRICT),
            new ForeignKey(
                "Aunt_parentId_fkey", "Aunt", "parentId", "Parent", "id", DeleteRule.CASCADE)),
        contract.foreignKeys());
    assertEquals(
        List.of(
            new CheckConstraint("Child_status_check", "Child", "status", List.of("RED", "GREEN")),
            new CheckConstraint("Aunt_kind_check", "Aunt", "kind", List.of("a'b", "c"))),
        contract.checks());
  }

  @Test
  void aTableWithoutPrimaryKeyIsRefused() {
    SchemaContract.Builder builder =
        SchemaContract.builder().table("Loose").notNull("id", "integer");
    IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
    assertEquals("Loose declares no primary key", e.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> SchemaContract.builder().table("Loose").table("Other").primaryKey("id").build());
  }

  @Test
  void anEmptyContractIsEmpty() {
    SchemaContract empty = SchemaContract.builder().build();
    assertEquals(new SchemaContract(List.of(), List.of(), List.of(), List.of(), List.of()), empty);
  }

  @Test
  void onlyKeepsWhatConcernsTheTablesAndKeysBetweenThem() {
    SchemaContract child = contract().only(Set.of("Child"));
    assertEquals(List.of("Child"), child.tables().stream().map(Table::name).toList());
    assertEquals(2, child.indexes().size());
    assertEquals(List.of(), child.foreignKeys(), "the key leads to a table outside the set");
    assertEquals(List.of("Child_status_check"), names(child.checks()));

    SchemaContract both = contract().only(Set.of("Child", "Parent"));
    assertEquals(List.of("Parent", "Child"), both.tables().stream().map(Table::name).toList());
    assertEquals(
        List.of("Child_parentId_fkey"), both.foreignKeys().stream().map(ForeignKey::name).toList());

    SchemaContract parent = contract().only(Set.of("Parent"));
    assertEquals(List.of(), parent.indexes());
    assertEquals(List.of(), parent.foreignKeys(), "the key starts at a table outside the set");
    assertEquals(List.of(), parent.checks());
  }

  @Test
  void foreignKeysToATableAreSortedByTheirTable() {
    assertEquals(
        List.of("Aunt.parentId -> Parent.id", "Child.parentId -> Parent.id"),
        contract().foreignKeysTo("Parent").stream().map(ForeignKey::describe).toList());
    assertEquals(List.of(), contract().foreignKeysTo("Child"));
  }

  @Test
  void checksDescribeThemselvesAsSql() {
    assertEquals("kind IN ('a''b', 'c')", contract().checks().get(1).describe());
    assertEquals("'it''s'", CheckConstraint.literal("it's"));
  }

  @Test
  void deleteRulesReadFromTheCatalogCode() {
    assertEquals(DeleteRule.NO_ACTION, DeleteRule.fromCatalogCode("a"));
    assertEquals(DeleteRule.RESTRICT, DeleteRule.fromCatalogCode("r"));
    assertEquals(DeleteRule.CASCADE, DeleteRule.fromCatalogCode("c"));
    assertEquals(DeleteRule.SET_NULL, DeleteRule.fromCatalogCode("n"));
    assertEquals(DeleteRule.SET_DEFAULT, DeleteRule.fromCatalogCode("d"));
    assertEquals("SET NULL", DeleteRule.SET_NULL.sql());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DeleteRule.fromCatalogCode("x"));
    assertEquals("unknown confdeltype x", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DeleteRule.fromCatalogCode("cc"));
    assertThrows(IllegalArgumentException.class, () -> DeleteRule.fromCatalogCode(null));
  }

  private static List<String> names(List<CheckConstraint> checks) {
    return checks.stream().map(CheckConstraint::name).toList();
  }
}
