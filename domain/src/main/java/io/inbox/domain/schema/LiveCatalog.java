package io.inbox.domain.schema;

import io.inbox.domain.schema.SchemaContract.DeleteRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the database has, read from {@code pg_catalog} in one query so a JDBC connection
 * (schema-guard) and the reactive client (services) load it the same way: run {@link #QUERY}, hand
 * every row to {@link #fromRows} as strings.
 */
public final class LiveCatalog {

  /** A column as the database has it; {@code defaultValue} null when it has none. */
  public record LiveColumn(String type, boolean nullable, String defaultValue) {}

  /** A primary key as the database has it. */
  public record LivePrimaryKey(String table, List<String> columns) {}

  /** An index as the database has it; {@code where} a partial index's predicate, else null. */
  public record LiveIndex(
      String table, List<String> columns, boolean unique, boolean valid, String where) {}

  /** A foreign key as the database has it (first column only: ours have one). */
  public record LiveForeignKey(
      String table,
      String column,
      String referencedTable,
      String referencedColumn,
      DeleteRule onDelete,
      boolean validated) {}

  /**
   * A CHECK constraint as the database has it. {@code column} and {@code allowed} are set when its
   * definition has the {@code column IN (…)} shape the product uses; {@code definition} is what
   * {@code pg_get_constraintdef} prints.
   */
  public record LiveCheck(
      String table,
      String definition,
      Optional<String> column,
      List<String> allowed,
      boolean validated) {

    /** {@code status IN ('A', 'B')}, or the raw definition when it has another shape. */
    public String describe() {
      return column
          .map(c -> SchemaContract.CheckConstraint.describe(c, allowed))
          .orElse(definition);
    }
  }

  /**
   * What the connected role may not do to a table's rows ({@code SELECT}, {@code INSERT}, {@code
   * UPDATE}, {@code DELETE}, {@code USAGE ON <its id sequence>}), empty when it may do all of it.
   */
  public record LivePrivileges(String role, List<String> missing) {}

  /** A trigger as the database has it; {@code enabled} false after {@code DISABLE TRIGGER}. */
  public record LiveTrigger(String table, String function, boolean enabled) {}

  /** How Postgres prints {@code CHECK (status IN ('A', 'B'))}. */
  private static final Pattern IN_LIST =
      Pattern.compile("CHECK \\(\\(\"?(\\w+)\"? = ANY \\(ARRAY\\[(.*)]\\)\\)\\)");

  private static final Pattern TEXT_LITERAL = Pattern.compile("'((?:[^']|'')*)'::text");

  /**
   * Seven text columns: kind, table, name, then four details that depend on the kind. Limited to
   * the connection's current schema, so a database shared with other applications is read
   * correctly.
   */
  public static final String QUERY =
      """
      SELECT 'column', c.relname, a.attname,
             format_type(a.atttypid, a.atttypmod),
             CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END,
             pg_get_expr(d.adbin, d.adrelid), NULL
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
         AND a.attnum > 0 AND NOT a.attisdropped
      UNION ALL
      SELECT 'index', t.relname, i.relname,
             (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum),
             CASE WHEN x.indisunique THEN 'UNIQUE' ELSE 'INDEX' END,
             CASE WHEN x.indisvalid THEN 'VALID' ELSE 'INVALID' END,
             pg_get_expr(x.indpred, x.indrelid)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = current_schema()
      UNION ALL
      SELECT 'fk', t.relname, con.conname,
             a.attname, r.relname || '.' || ra.attname,
             con.confdeltype::text,
             CASE WHEN con.convalidated THEN 'VALID' ELSE 'NOT VALID' END
        FROM pg_constraint con
        JOIN pg_class t ON t.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_class r ON r.oid = con.confrelid
        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
        JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = con.confkey[1]
       WHERE con.contype = 'f' AND n.nspname = current_schema()
      UNION ALL
      SELECT 'check', t.relname, con.conname,
             pg_get_constraintdef(con.oid),
             CASE WHEN con.convalidated THEN 'VALID' ELSE 'NOT VALID' END,
             NULL, NULL
        FROM pg_constraint con
        JOIN pg_class t ON t.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE con.contype = 'c' AND n.nspname = current_schema()
      UNION ALL
      SELECT 'pk', t.relname, con.conname,
             (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum),
             NULL, NULL, NULL
        FROM pg_constraint con
        JOIN pg_class t ON t.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE con.contype = 'p' AND n.nspname = current_schema()
      UNION ALL
      SELECT 'trigger', t.relname, tg.tgname, p.proname,
             CASE WHEN tg.tgenabled = 'D' THEN 'DISABLED' ELSE 'ENABLED' END, NULL, NULL
        FROM pg_trigger tg
        JOIN pg_class t ON t.oid = tg.tgrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_proc p ON p.oid = tg.tgfoid
       WHERE NOT tg.tgisinternal AND n.nspname = current_schema()
      UNION ALL
      SELECT 'privileges', c.relname, current_user,
             concat_ws(';',
                 CASE WHEN NOT has_table_privilege(c.oid, 'SELECT') THEN 'SELECT' END,
                 CASE WHEN NOT has_table_privilege(c.oid, 'INSERT') THEN 'INSERT' END,
                 CASE WHEN NOT has_table_privilege(c.oid, 'UPDATE') THEN 'UPDATE' END,
                 CASE WHEN NOT has_table_privilege(c.oid, 'DELETE') THEN 'DELETE' END,
                 (SELECT string_agg('USAGE ON ' || s.relname, ';')
                    FROM pg_depend d
                    JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                   WHERE d.classid = 'pg_class'::regclass AND d.refobjid = c.oid
                     AND d.deptype IN ('a', 'i')
                     -- CASE: has_sequence_privilege raises on any other relation the plan meets
                     AND CASE WHEN s.relkind = 'S' THEN NOT has_sequence_privilege(s.oid, 'USAGE')
                              ELSE false END)),
             NULL, NULL, NULL
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      """;

  private final Map<String, Map<String, LiveColumn>> columns = new HashMap<>();
  private final Map<String, LiveIndex> indexes = new HashMap<>();
  private final Map<String, LiveForeignKey> foreignKeys = new HashMap<>();
  private final Map<String, LiveCheck> checks = new HashMap<>();
  private final Map<String, LivePrimaryKey> primaryKeys = new HashMap<>();
  private final Map<String, LiveTrigger> triggers = new HashMap<>();
  private final Map<String, LivePrivileges> privileges = new HashMap<>();

  private LiveCatalog() {}

  /** Builds the catalog from the rows of {@link #QUERY}, each row seven strings (nulls allowed). */
  public static LiveCatalog fromRows(List<String[]> rows) {
    LiveCatalog catalog = new LiveCatalog();
    for (String[] row : rows) {
      switch (row[0]) {
        case "column" ->
            catalog
                .columns
                .computeIfAbsent(row[1], t -> new HashMap<>())
                .put(row[2], new LiveColumn(normaliseType(row[3]), "NULL".equals(row[4]), row[5]));
        case "index" ->
            catalog.indexes.put(
                row[2],
                new LiveIndex(
                    row[1],
                    row[3] == null ? List.of() : Arrays.asList(row[3].split(",")),
                    "UNIQUE".equals(row[4]),
                    "VALID".equals(row[5]),
                    row[6]));
        case "fk" -> {
          String[] ref = row[4].split("\\.", 2);
          catalog.foreignKeys.put(
              row[2],
              new LiveForeignKey(
                  row[1],
                  row[3],
                  ref[0],
                  ref[1],
                  DeleteRule.fromCatalogCode(row[5]),
                  "VALID".equals(row[6])));
        }
        case "pk" ->
            catalog.primaryKeys.put(
                row[2], new LivePrimaryKey(row[1], Arrays.asList(row[3].split(","))));
        case "check" -> catalog.checks.put(row[2], check(row[1], row[3], "VALID".equals(row[4])));
        case "trigger" ->
            catalog.triggers.put(row[2], new LiveTrigger(row[1], row[3], "ENABLED".equals(row[4])));
        case "privileges" ->
            catalog.privileges.put(
                row[1],
                new LivePrivileges(
                    row[2],
                    row[3] == null || row[3].isEmpty() ? List.of() : List.of(row[3].split(";"))));
        default -> throw new IllegalArgumentException("unknown catalog row kind " + row[0]);
      }
    }
    return catalog;
  }

  public boolean hasTable(String table) {
    return columns.containsKey(table);
  }

  public Optional<LiveColumn> column(String table, String column) {
    return Optional.ofNullable(columns.getOrDefault(table, Map.of()).get(column));
  }

  public Optional<LiveIndex> index(String name) {
    return Optional.ofNullable(indexes.get(name));
  }

  public Optional<LiveForeignKey> foreignKey(String name) {
    return Optional.ofNullable(foreignKeys.get(name));
  }

  public Optional<LivePrimaryKey> primaryKey(String name) {
    return Optional.ofNullable(primaryKeys.get(name));
  }

  public Optional<LiveCheck> check(String name) {
    return Optional.ofNullable(checks.get(name));
  }

  public Optional<LiveTrigger> trigger(String name) {
    return Optional.ofNullable(triggers.get(name));
  }

  public Optional<LivePrivileges> privileges(String table) {
    return Optional.ofNullable(privileges.get(table));
  }

  static LiveCheck check(String table, String definition, boolean validated) {
    Matcher in = IN_LIST.matcher(definition);
    if (!in.matches()) {
      return new LiveCheck(table, definition, Optional.empty(), List.of(), validated);
    }
    List<String> allowed = new ArrayList<>();
    Matcher literal = TEXT_LITERAL.matcher(in.group(2));
    while (literal.find()) {
      allowed.add(literal.group(1).replace("''", "'"));
    }
    return new LiveCheck(
        table, definition, Optional.of(in.group(1)), List.copyOf(allowed), validated);
  }

  /** {@code timestamp(3) without time zone} reads as the DDL that made it: {@code timestamp(3)}. */
  static String normaliseType(String formatted) {
    return formatted
        .replace(" without time zone", "")
        .replace("timestamp(3) with time zone", "timestamptz(3)")
        .replace("timestamp with time zone", "timestamptz");
  }
}
