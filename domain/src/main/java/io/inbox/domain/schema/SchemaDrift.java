package io.inbox.domain.schema;

import io.inbox.domain.schema.LiveCatalog.LiveCheck;
import io.inbox.domain.schema.LiveCatalog.LiveColumn;
import io.inbox.domain.schema.LiveCatalog.LiveForeignKey;
import io.inbox.domain.schema.LiveCatalog.LiveIndex;
import io.inbox.domain.schema.LiveCatalog.LivePrimaryKey;
import io.inbox.domain.schema.LiveCatalog.LivePrivileges;
import io.inbox.domain.schema.LiveCatalog.LiveTrigger;
import io.inbox.domain.schema.SchemaContract.CheckConstraint;
import io.inbox.domain.schema.SchemaContract.Column;
import io.inbox.domain.schema.SchemaContract.ForeignKey;
import io.inbox.domain.schema.SchemaContract.Index;
import io.inbox.domain.schema.SchemaContract.PrimaryKey;
import io.inbox.domain.schema.SchemaContract.Table;
import io.inbox.domain.schema.SchemaContract.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a database against the contract, one {@link Check} per table, column (type, nullability,
 * default), primary key, index, foreign key, CHECK constraint and trigger, worded as the earlier
 * system's verification script printed them.
 */
public final class SchemaDrift {

  /** One verified fact; {@link #line()} is what an operator reads. */
  public record Check(boolean ok, String subject, String detail) {
    public String line() {
      return (ok ? "✅ " : "❌ ") + subject + ": " + detail;
    }
  }

  /** All checks in contract order. */
  public record Report(List<Check> checks) {
    public List<Check> problems() {
      return checks.stream().filter(c -> !c.ok()).toList();
    }

    public boolean passed() {
      return problems().isEmpty();
    }

    /** The closing line of {@code schema-guard verify}. */
    public String verdict() {
      int n = problems().size();
      return passed()
          ? "✅ Schema verification PASSED"
          : "❌ Schema verification FAILED (" + n + (n == 1 ? " problem)" : " problems)");
    }
  }

  private SchemaDrift() {}

  public static Report compare(SchemaContract contract, LiveCatalog live) {
    List<Check> checks = new ArrayList<>();
    for (Table table : contract.tables()) {
      if (!live.hasTable(table.name())) {
        checks.add(new Check(false, table.name(), "MISSING (table)"));
        continue;
      }
      checks.add(new Check(true, table.name(), "EXISTS"));
      for (Column column : table.columns()) {
        checks.add(checkColumn(table.name(), column, live));
      }
      checks.add(checkPrimaryKey(table, live));
      live.privileges(table.name())
          .filter(p -> !p.missing().isEmpty())
          .ifPresent(p -> checks.add(missingPrivileges(table.name(), p)));
    }
    for (Index index : contract.indexes()) {
      if (live.hasTable(index.table())) {
        checks.add(checkIndex(index, live));
      }
    }
    for (ForeignKey fk : contract.foreignKeys()) {
      if (live.hasTable(fk.table())) {
        checks.add(checkForeignKey(fk, live));
      }
    }
    for (CheckConstraint check : contract.checks()) {
      if (live.hasTable(check.table())) {
        checks.add(checkConstraint(check, live));
      }
    }
    for (Trigger trigger : contract.triggers()) {
      if (live.hasTable(trigger.table())) {
        checks.add(checkTrigger(trigger, live));
      }
    }
    return new Report(List.copyOf(checks));
  }

  private static Check checkColumn(String table, Column expected, LiveCatalog live) {
    String subject = table + "." + expected.name();
    LiveColumn actual = live.column(table, expected.name()).orElse(null);
    if (actual == null) {
      return new Check(false, subject, "MISSING");
    }
    if (!actual.type().equals(expected.type())) {
      return new Check(false, subject, "TYPE " + actual.type() + ", expected " + expected.type());
    }
    if (actual.nullable() != expected.nullable()) {
      return new Check(
          false,
          subject,
          nullability(actual.nullable()) + ", expected " + nullability(expected.nullable()));
    }
    if (expected.defaultValue() != null && !expected.defaultValue().equals(actual.defaultValue())) {
      return new Check(
          false,
          subject,
          (actual.defaultValue() == null ? "NO DEFAULT" : "DEFAULT " + actual.defaultValue())
              + ", expected DEFAULT "
              + expected.defaultValue());
    }
    return new Check(true, subject, "EXISTS");
  }

  private static Check checkPrimaryKey(Table table, LiveCatalog live) {
    PrimaryKey expected = table.primaryKey();
    LivePrimaryKey actual = live.primaryKey(expected.name()).orElse(null);
    if (actual == null) {
      return new Check(false, expected.name(), "MISSING");
    }
    return placement(
        expected.name(), actual.table(), actual.columns(), table.name(), expected.columns());
  }

  /** A named index or key: MISSING elsewhere, here whether it sits on the expected columns. */
  private static Check placement(
      String name,
      String actualTable,
      Object actualColumns,
      String expectedTable,
      Object expectedColumns) {
    if (actualTable.equals(expectedTable) && actualColumns.equals(expectedColumns)) {
      return new Check(true, name, "EXISTS");
    }
    return new Check(
        false,
        name,
        "ON " + actualTable + actualColumns + ", expected " + expectedTable + expectedColumns);
  }

  /** {@code WHERE …} of a partial index, {@code EVERY ROW} of a full one, against the expected. */
  private static String partiality(String actual, String expected) {
    return (actual == null ? "EVERY ROW" : "WHERE " + actual)
        + ", expected "
        + (expected == null ? "EVERY ROW" : "WHERE " + expected);
  }

  private static Check checkIndex(Index expected, LiveCatalog live) {
    LiveIndex actual = live.index(expected.name()).orElse(null);
    if (actual == null) {
      return new Check(false, expected.name(), "MISSING");
    }
    Check placed =
        placement(
            expected.name(),
            actual.table(),
            actual.columns(),
            expected.table(),
            expected.columns());
    if (!placed.ok()) {
      return placed;
    }
    if (actual.unique() != expected.unique()) {
      return new Check(
          false, expected.name(), expected.unique() ? "NOT UNIQUE, expected UNIQUE" : "UNIQUE");
    }
    if (!Objects.equals(actual.where(), expected.where())) {
      return new Check(false, expected.name(), partiality(actual.where(), expected.where()));
    }
    if (!actual.valid()) {
      return new Check(
          false,
          expected.name(),
          "INVALID (an interrupted concurrent build); run: REINDEX INDEX CONCURRENTLY \""
              + expected.name()
              + "\"");
    }
    return new Check(true, expected.name(), "EXISTS");
  }

  private static Check checkForeignKey(ForeignKey expected, LiveCatalog live) {
    LiveForeignKey actual = live.foreignKey(expected.name()).orElse(null);
    if (actual == null) {
      return new Check(false, expected.name(), "MISSING");
    }
    String actualPath =
        actual.table()
            + "."
            + actual.column()
            + " -> "
            + actual.referencedTable()
            + "."
            + actual.referencedColumn();
    if (!actualPath.equals(expected.describe())) {
      return new Check(false, expected.name(), actualPath + ", expected " + expected.describe());
    }
    if (actual.onDelete() != expected.onDelete()) {
      return new Check(
          false,
          expected.name(),
          "ON DELETE " + actual.onDelete().sql() + ", expected " + expected.onDelete().sql());
    }
    return validated(expected.table(), expected.name(), actual.validated());
  }

  /** A constraint added NOT VALID whose validation never ran (or failed) is not yet enforced. */
  private static Check validated(String table, String name, boolean validated) {
    if (validated) {
      return new Check(true, name, "EXISTS");
    }
    return new Check(
        false,
        name,
        "NOT VALIDATED; run: ALTER TABLE \"" + table + "\" VALIDATE CONSTRAINT \"" + name + "\"");
  }

  private static Check checkConstraint(CheckConstraint expected, LiveCatalog live) {
    LiveCheck actual = live.check(expected.name()).orElse(null);
    if (actual == null) {
      return new Check(false, expected.name(), "MISSING");
    }
    boolean same =
        actual.table().equals(expected.table())
            && actual.column().equals(Optional.of(expected.column()))
            && Set.copyOf(actual.allowed()).equals(Set.copyOf(expected.allowed()));
    if (!same) {
      String where = actual.table().equals(expected.table()) ? "" : "ON " + actual.table() + " ";
      return new Check(
          false,
          expected.name(),
          "DIFFERENT " + where + actual.describe() + ", expected " + expected.describe());
    }
    return validated(expected.table(), expected.name(), actual.validated());
  }

  /**
   * The services' role must read and write every row of the product's tables; only reported when it
   * cannot, so a verify by the owner prints what it always printed.
   */
  private static Check missingPrivileges(String table, LivePrivileges privileges) {
    return new Check(
        false,
        table,
        "PRIVILEGES missing "
            + String.join(", ", privileges.missing())
            + " for role "
            + privileges.role()
            + "; run: schema-guard grant --role "
            + privileges.role());
  }

  private static Check checkTrigger(Trigger expected, LiveCatalog live) {
    LiveTrigger actual = live.trigger(expected.name()).orElse(null);
    if (actual == null) {
      return new Check(false, expected.name(), "MISSING");
    }
    if (!actual.table().equals(expected.table())
        || !actual.function().equals(expected.function())) {
      return new Check(
          false,
          expected.name(),
          "ON "
              + actual.table()
              + " RUNS "
              + actual.function()
              + "(), expected ON "
              + expected.table()
              + " RUNS "
              + expected.function()
              + "()");
    }
    if (!actual.enabled()) {
      return new Check(
          false,
          expected.name(),
          "DISABLED; run: ALTER TABLE \""
              + expected.table()
              + "\" ENABLE TRIGGER \""
              + expected.name()
              + "\"");
    }
    return new Check(true, expected.name(), "EXISTS");
  }

  private static String nullability(boolean nullable) {
    return nullable ? "NULLABLE" : "NOT NULL";
  }
}
