package io.inbox.admin.inbox;

import io.inbox.domain.schema.SchemaContract;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Holds what Hibernate maps against {@code ProductSchema}: every mapped table and column exists,
 * with a compatible type and the same nullability, and every column of a mapped table is mapped.
 * Hibernate itself never validates (schema-management none): this is the check instead.
 */
final class MappingCheck {

  /** One column as Hibernate maps it: JDBC type code ({@link Types}) and the Java type it reads. */
  record MappedColumn(
      String table, String column, int jdbcType, Class<?> javaType, boolean nullable) {}

  /** Which JDBC types each contract type takes. */
  private static final Map<String, Set<Integer>> COMPATIBLE =
      Map.of(
          "integer", Set.of(Types.INTEGER),
          "bigint", Set.of(Types.BIGINT),
          "text", Set.of(Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB),
          "timestamp(3)", Set.of(Types.TIMESTAMP),
          "boolean", Set.of(Types.BOOLEAN),
          "double precision", Set.of(Types.DOUBLE, Types.FLOAT),
          "jsonb", Set.of(Types.OTHER, 3001 /* SqlTypes.JSON */));

  private MappingCheck() {}

  /** What is wrong, one line each; empty when the mapping holds. */
  static List<String> problems(List<MappedColumn> mapped, SchemaContract contract) {
    Map<String, SchemaContract.Table> tables =
        contract.tables().stream()
            .collect(Collectors.toMap(SchemaContract.Table::name, Function.identity()));
    List<String> problems = new ArrayList<>();
    for (MappedColumn m : mapped) {
      SchemaContract.Table table = tables.get(m.table());
      if (table == null) {
        problems.add(m.table() + ": no such table in ProductSchema");
        continue;
      }
      var column = table.columns().stream().filter(c -> c.name().equals(m.column())).findFirst();
      if (column.isEmpty()) {
        problems.add(m.table() + "." + m.column() + ": no such column in ProductSchema");
        continue;
      }
      String where = m.table() + "." + m.column();
      String type = column.get().type();
      if (!COMPATIBLE.getOrDefault(type, Set.of()).contains(m.jdbcType())) {
        problems.add(
            where + ": mapped as JDBC type " + m.jdbcType() + " but the column is " + type);
      }
      if (type.startsWith("timestamp") && m.javaType() != LocalDateTime.class) {
        problems.add(
            where
                + ": read as "
                + m.javaType().getSimpleName()
                + "; UTC without zone needs LocalDateTime");
      }
      if (m.nullable() && !column.get().nullable()) {
        problems.add(where + ": NOT NULL in the schema but nullable in the entity");
      }
      if (!m.nullable() && column.get().nullable()) {
        problems.add(where + ": nullable in the schema but non-null in the entity");
      }
    }
    Set<String> mappedTables = mapped.stream().map(MappedColumn::table).collect(Collectors.toSet());
    for (String name : mappedTables) {
      SchemaContract.Table table = tables.get(name);
      if (table == null) {
        continue;
      }
      for (SchemaContract.Column c : table.columns()) {
        boolean present =
            mapped.stream().anyMatch(m -> m.table().equals(name) && m.column().equals(c.name()));
        if (!present) {
          problems.add(name + "." + c.name() + ": in ProductSchema but not mapped");
        }
      }
    }
    return problems;
  }
}
