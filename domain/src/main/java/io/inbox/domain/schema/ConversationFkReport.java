package io.inbox.domain.schema;

import io.inbox.domain.schema.SchemaContract.ForeignKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The runbook's foreign-key report for one conversation: does it exist, what depends on it, and is
 * every foreign key to {@code Conversation} in place. schema-guard prints {@link #lines()}; the
 * admin API serves the record as JSON.
 */
public record ConversationFkReport(
    long conversationId,
    boolean exists,
    String status,
    String deletedAt,
    Map<String, Long> dependents,
    List<Constraint> constraints) {

  /** One foreign key to Conversation and whether the database has it. */
  public record Constraint(String name, String path, boolean present) {}

  /**
   * One query (so both database clients run it the same way) whose rows are three strings: {@code
   * conversation|status|deletedAt}, {@code count|table|n} and {@code fk|name|-}. {@code deletedAt}
   * is read through {@code to_jsonb} so the report works on a database that still lacks the column.
   */
  public static String query(SchemaContract contract, long conversationId) {
    // conversationId is a long, so formatting it into the SQL cannot inject anything.
    StringBuilder sql =
        new StringBuilder(
            "SELECT 'conversation', c.status, to_jsonb(c) ->> 'deletedAt'"
                + " FROM \"Conversation\" c WHERE c.id = "
                + conversationId);
    for (ForeignKey fk : contract.foreignKeysTo("Conversation")) {
      sql.append(
          "\nUNION ALL SELECT 'count', '%s', count(*)::text FROM \"%s\" WHERE \"%s\" = %d"
              .formatted(fk.table(), fk.table(), fk.column(), conversationId));
    }
    sql.append(
        """

        UNION ALL SELECT 'fk', con.conname, NULL
          FROM pg_constraint con
          JOIN pg_class r ON r.oid = con.confrelid
          JOIN pg_namespace n ON n.oid = r.relnamespace
         WHERE con.contype = 'f' AND r.relname = 'Conversation' AND n.nspname = current_schema()
        """);
    return sql.toString();
  }

  /** Builds the report from the rows of {@link #query}. */
  public static ConversationFkReport fromRows(
      SchemaContract contract, long conversationId, List<String[]> rows) {
    boolean exists = false;
    String status = null;
    String deletedAt = null;
    Map<String, Long> dependents = new LinkedHashMap<>();
    for (String[] row : rows) {
      switch (row[0]) {
        case "conversation" -> {
          exists = true;
          status = row[1];
          deletedAt = row[2];
        }
        case "count" -> dependents.put(row[1], Long.parseLong(row[2]));
        default -> {}
      }
    }
    Set<String> present =
        rows.stream().filter(r -> r[0].equals("fk")).map(r -> r[1]).collect(Collectors.toSet());
    List<Constraint> constraints =
        contract.foreignKeysTo("Conversation").stream()
            .map(fk -> new Constraint(fk.name(), fk.describe(), present.contains(fk.name())))
            .toList();
    return new ConversationFkReport(
        conversationId, exists, status, deletedAt, dependents, constraints);
  }

  /** The number of rows that block a hard delete (SET NULL references do not). */
  public long blockingDependents(SchemaContract contract) {
    return contract.foreignKeysTo("Conversation").stream()
        .filter(fk -> fk.onDelete() != SchemaContract.DeleteRule.SET_NULL)
        .mapToLong(fk -> dependents.getOrDefault(fk.table(), 0L))
        .sum();
  }

  public boolean allConstraintsPresent() {
    return constraints.stream().allMatch(Constraint::present);
  }

  /** The report as {@code schema-guard verify-fks} prints it. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    if (!exists) {
      lines.add("❌ Conversation " + conversationId + " does not exist");
    } else {
      lines.add("✅ Conversation " + conversationId + " exists");
      lines.add(
          "   Status: " + status + (deletedAt == null ? "" : " (soft-deleted " + deletedAt + ")"));
    }
    lines.add("📊 Dependent row counts:");
    dependents.forEach((table, n) -> lines.add("   " + table + ": " + n));
    lines.add("🔗 Foreign key constraints:");
    for (Constraint c : constraints) {
      lines.add("   " + (c.present() ? "✅ " : "❌ ") + c.path() + (c.present() ? "" : " MISSING"));
    }
    return lines;
  }
}
