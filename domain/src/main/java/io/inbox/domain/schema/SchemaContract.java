package io.inbox.domain.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What the product needs of the database: tables with their primary key and columns (type as {@code
 * format_type} prints it, nullability, the defaults inserts rely on), indexes, foreign keys with
 * their delete rule, the CHECK constraints that keep status columns to the values the code writes,
 * and the triggers that feed the inbox's event stream. Objects the contract does not name are none
 * of its business.
 */
public record SchemaContract(
    List<Table> tables,
    List<Index> indexes,
    List<ForeignKey> foreignKeys,
    List<CheckConstraint> checks,
    List<Trigger> triggers) {

  /** A table, its primary key and the columns the product reads or writes. */
  public record Table(String name, PrimaryKey primaryKey, List<Column> columns) {}

  /** A primary key by its Prisma name, {@code <Table>_pkey}. */
  public record PrimaryKey(String name, List<String> columns) {}

  /**
   * A column; {@code type} is normalised as {@link LiveCatalog} reports it. {@code defaultValue} is
   * the default as {@code pg_get_expr} prints it ({@code 0}, {@code 'QUEUED'::text}, {@code
   * CURRENT_TIMESTAMP}) when inserts rely on it, else null and not checked.
   */
  public record Column(String name, String type, boolean nullable, String defaultValue) {}

  /**
   * An index by its Prisma-compatible name; {@code where} is a partial index's predicate as {@code
   * pg_get_expr} prints it, null for an index of every row.
   */
  public record Index(
      String name, String table, List<String> columns, boolean unique, String where) {}

  /**
   * A row trigger by its name, {@code <Table>_<purpose>}, and the function it runs. Missing, it
   * fails nothing at once and loses its effect silently: that is why the contract names it.
   */
  public record Trigger(String name, String table, String function) {}

  /** A single-column foreign key with its {@code ON DELETE} rule. */
  public record ForeignKey(
      String name,
      String table,
      String column,
      String referencedTable,
      String referencedColumn,
      DeleteRule onDelete) {

    /** As the runbook prints it: {@code Message.conversationId -> Conversation.id}. */
    public String describe() {
      return table + "." + column + " -> " + referencedTable + "." + referencedColumn;
    }
  }

  /**
   * {@code CHECK (column IN (allowed…))}, named as Prisma names a check: {@code
   * <Table>_<column>_check}.
   */
  public record CheckConstraint(String name, String table, String column, List<String> allowed) {

    /** As verify prints it: {@code status IN ('QUEUED', 'RUNNING')}. */
    public String describe() {
      return describe(column, allowed);
    }

    static String describe(String column, List<String> values) {
      StringBuilder sql = new StringBuilder(column).append(" IN (");
      for (int i = 0; i < values.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(literal(values.get(i)));
      }
      return sql.append(")").toString();
    }

    /** A SQL string literal. */
    public static String literal(String value) {
      return "'" + value.replace("'", "''") + "'";
    }
  }

  /** {@code pg_constraint.confdeltype} spelled out. */
  public enum DeleteRule {
    NO_ACTION('a', "NO ACTION"),
    RESTRICT('r', "RESTRICT"),
    CASCADE('c', "CASCADE"),
    SET_NULL('n', "SET NULL"),
    SET_DEFAULT('d', "SET DEFAULT");

    private final char code;
    private final String sql;

    DeleteRule(char code, String sql) {
      this.code = code;
      this.sql = sql;
    }

    public static DeleteRule fromCatalogCode(String code) {
      return Arrays.stream(values())
          .filter(r -> code != null && code.length() == 1 && r.code == code.charAt(0))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown confdeltype " + code));
    }

    public String sql() {
      return sql;
    }
  }

  /**
   * The part of the contract about these tables: what one service needs to be ready. Triggers are
   * left out: a missing one makes no statement fail (schema-guard's verify names it before a
   * rollout), so it is no reason to stop taking webhooks or sending replies.
   */
  public SchemaContract only(Set<String> tableNames) {
    return new SchemaContract(
        tables.stream().filter(t -> tableNames.contains(t.name())).toList(),
        indexes.stream().filter(i -> tableNames.contains(i.table())).toList(),
        foreignKeys.stream()
            .filter(f -> tableNames.contains(f.table()) && tableNames.contains(f.referencedTable()))
            .toList(),
        checks.stream().filter(c -> tableNames.contains(c.table())).toList(),
        List.of());
  }

  /** The foreign keys that point at a table, in the order the runbook lists them. */
  public List<ForeignKey> foreignKeysTo(String table) {
    List<ForeignKey> result = new ArrayList<>();
    for (ForeignKey fk : foreignKeys) {
      if (fk.referencedTable().equals(table)) {
        result.add(fk);
      }
    }
    result.sort((a, b) -> a.table().compareTo(b.table()));
    return result;
  }

  /** Builds a contract in the order tables, then indexes, then foreign keys are declared. */
  public static Builder builder() {
    return new Builder();
  }

  /** Declares the contract readably, one table at a time. */
  public static final class Builder {
    private final List<Table> tables = new ArrayList<>();
    private final List<Index> indexes = new ArrayList<>();
    private final List<ForeignKey> foreignKeys = new ArrayList<>();
    private final List<CheckConstraint> checks = new ArrayList<>();
    private final List<Trigger> triggers = new ArrayList<>();
    private String table;
    private PrimaryKey primaryKey;
    private List<Column> columns;

    public Builder table(String name) {
      flush();
      table = name;
      primaryKey = null;
      columns = new ArrayList<>();
      return this;
    }

    /** The table's primary key, named as Prisma names it: {@code <Table>_pkey}. */
    public Builder primaryKey(String... cols) {
      primaryKey = new PrimaryKey(table + "_pkey", List.of(cols));
      return this;
    }

    public Builder notNull(String column, String type) {
      columns.add(new Column(column, type, false, null));
      return this;
    }

    public Builder nullable(String column, String type) {
      columns.add(new Column(column, type, true, null));
      return this;
    }

    /** The last column's default, as {@code pg_get_expr} prints it. */
    public Builder byDefault(String expression) {
      Column last = columns.remove(columns.size() - 1);
      columns.add(new Column(last.name(), last.type(), last.nullable(), expression));
      return this;
    }

    public Builder index(String name, String... cols) {
      indexes.add(new Index(name, table, List.of(cols), false, null));
      return this;
    }

    /** Makes the last index partial: {@code predicate} as {@code pg_get_expr} prints it. */
    public Builder where(String predicate) {
      Index last = indexes.remove(indexes.size() - 1);
      indexes.add(new Index(last.name(), last.table(), last.columns(), last.unique(), predicate));
      return this;
    }

    public Builder unique(String name, String... cols) {
      indexes.add(new Index(name, table, List.of(cols), true, null));
      return this;
    }

    /** A foreign key named as Prisma names it: {@code <Table>_<column>_fkey}. */
    public Builder references(String column, String referencedTable, DeleteRule onDelete) {
      foreignKeys.add(
          new ForeignKey(
              table + "_" + column + "_fkey", table, column, referencedTable, "id", onDelete));
      return this;
    }

    /** The column holds only these values. */
    public Builder check(String column, String... allowed) {
      checks.add(
          new CheckConstraint(table + "_" + column + "_check", table, column, List.of(allowed)));
      return this;
    }

    /** The column holds only the names of this enum's constants. */
    public Builder check(String column, Class<? extends Enum<?>> values) {
      return check(
          column, Arrays.stream(values.getEnumConstants()).map(Enum::name).toArray(String[]::new));
    }

    /** A row trigger on the current table that runs {@code function}. */
    public Builder trigger(String name, String function) {
      triggers.add(new Trigger(name, table, function));
      return this;
    }

    public SchemaContract build() {
      flush();
      return new SchemaContract(
          List.copyOf(tables),
          List.copyOf(indexes),
          List.copyOf(foreignKeys),
          List.copyOf(checks),
          List.copyOf(triggers));
    }

    private void flush() {
      if (table != null) {
        if (primaryKey == null) {
          throw new IllegalStateException(table + " declares no primary key");
        }
        tables.add(new Table(table, primaryKey, List.copyOf(columns)));
        table = null;
      }
    }
  }
}
