package io.inbox.domain.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.schema.SchemaContract.CheckConstraint;
import io.inbox.domain.schema.SchemaContract.Column;
import io.inbox.domain.schema.SchemaContract.ForeignKey;
import io.inbox.domain.schema.SchemaContract.Index;
import io.inbox.domain.schema.SchemaContract.Table;
import io.inbox.domain.schema.SchemaContract.Trigger;
import io.inbox.domain.schema.SchemaDrift.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The comparison logic on catalog rows built from the contract; the real catalog is tested in
 * schema-guard.
 */
class SchemaDriftTest {

  private static final SchemaContract CONTRACT = ProductSchema.CONTRACT;

  @Test
  void catalogEqualToTheContractPasses() {
    SchemaDrift.Report report =
        SchemaDrift.compare(CONTRACT, LiveCatalog.fromRows(rowsOf(CONTRACT)));
    assertTrue(report.passed(), () -> report.problems().toString());
    assertEquals("✅ Schema verification PASSED", report.verdict());
    assertTrue(lines(report).contains("✅ Conversation.deletedAt: EXISTS"));
    assertTrue(lines(report).contains("✅ Notification_snoozedUntil_idx: EXISTS"));
  }

  @Test
  void eachKindOfDriftIsNamedOnItsOwnLine() {
    List<String[]> rows =
        mutate(
            rowsOf(CONTRACT),
            row -> {
              if (is(row, "column", "Conversation", "deletedAt")) {
                return new String[] {
                  "column", "Conversation", "deletedAt", "text", "NULL", null, null
                };
              }
              if (is(row, "column", "Notification", "snoozedUntil")
                  || is(row, "index", "Message", "Message_conversationId_createdAt_idx")) {
                return null;
              }
              if (is(row, "fk", "Task", "Task_conversationId_fkey")) {
                row[5] = "c";
              }
              if (is(row, "fk", "OutboundJob", "OutboundJob_conversationId_fkey")) {
                row[6] = "NOT VALID";
              }
              if (is(row, "index", "Conversation", "Conversation_deletedAt_idx")) {
                row[5] = "INVALID";
              }
              if (is(row, "column", "Contact", "phone")) {
                row[4] = "NULL";
              }
              return row;
            });
    SchemaDrift.Report report = SchemaDrift.compare(CONTRACT, LiveCatalog.fromRows(rows));
    List<String> problems = report.problems().stream().map(Check::line).toList();
    assertEquals(
        List.of(
            "❌ Contact.phone: NULLABLE, expected NOT NULL",
            "❌ Conversation.deletedAt: TYPE text, expected timestamp(3)",
            "❌ Notification.snoozedUntil: MISSING",
            "❌ Conversation_deletedAt_idx: INVALID (an interrupted concurrent build); run: REINDEX INDEX CONCURRENTLY \"Conversation_deletedAt_idx\"",
            "❌ Message_conversationId_createdAt_idx: MISSING",
            "❌ OutboundJob_conversationId_fkey: NOT VALIDATED; run: ALTER TABLE \"OutboundJob\" VALIDATE CONSTRAINT \"OutboundJob_conversationId_fkey\"",
            "❌ Task_conversationId_fkey: ON DELETE CASCADE, expected RESTRICT"),
        problems);
    assertEquals("❌ Schema verification FAILED (7 problems)", report.verdict());
  }

  @Test
  void indexesAndForeignKeysAreComparedByTableColumnsUniquenessAndTarget() {
    List<String[]> rows =
        mutate(
            rowsOf(CONTRACT),
            row -> {
              if (is(row, "index", "Contact", "Contact_phone_key")) {
                row[4] = "INDEX";
              }
              if (is(row, "index", "Lead", "Lead_contactId_idx")) {
                row[4] = "UNIQUE";
              }
              if (is(row, "index", "Conversation", "Conversation_contactId_idx")) {
                row[3] = "leadId";
              }
              if (is(row, "index", "OutboundJob", "OutboundJob_conversationId_idx")) {
                row[1] = "Message";
              }
              if (is(row, "fk", "Conversation", "Conversation_leadId_fkey")) {
                row[4] = "Contact.id";
              }
              if (is(row, "fk", "Message", "Message_conversationId_fkey")) {
                row[3] = "contactId";
              }
              if (is(row, "fk", "Lead", "Lead_contactId_fkey")) {
                return null;
              }
              return row;
            });
    SchemaDrift.Report report = SchemaDrift.compare(CONTRACT, LiveCatalog.fromRows(rows));
    assertEquals(
        List.of(
            "❌ Contact_phone_key: NOT UNIQUE, expected UNIQUE",
            "❌ Lead_contactId_idx: UNIQUE",
            "❌ Conversation_contactId_idx: ON Conversation[leadId], expected Conversation[contactId]",
            "❌ OutboundJob_conversationId_idx: ON Message[conversationId], expected OutboundJob[conversationId]",
            "❌ Lead_contactId_fkey: MISSING",
            "❌ Conversation_leadId_fkey: Conversation.leadId -> Contact.id, expected Conversation.leadId -> Lead.id",
            "❌ Message_conversationId_fkey: Message.contactId -> Conversation.id, expected Message.conversationId -> Conversation.id"),
        report.problems().stream().map(Check::line).toList());
    assertTrue(lines(report).contains("✅ Message_providerMessageId_key: EXISTS"));
    assertTrue(lines(report).contains("✅ Conversation_contactId_fkey: EXISTS"));
  }

  @Test
  void aPartialIndexIsComparedByItsPredicate() {
    List<String[]> rows =
        mutate(
            rowsOf(CONTRACT),
            row -> {
              if (is(row, "index", "Conversation", "Conversation_contactId_live_idx")) {
                row[6] = null;
              }
              if (is(row, "index", "Conversation", "Conversation_contactId_idx")) {
                row[6] = "(\"deletedAt\" IS NULL)";
              }
              return row;
            });
    SchemaDrift.Report report = SchemaDrift.compare(CONTRACT, LiveCatalog.fromRows(rows));
    assertEquals(
        List.of(
            "❌ Conversation_contactId_idx: WHERE (\"deletedAt\" IS NULL), expected EVERY ROW",
            "❌ Conversation_contactId_live_idx: EVERY ROW, expected WHERE (\"deletedAt\" IS NULL)"),
        report.problems().stream().map(Check::line).toList());
  }

  @Test
  void checkConstraintsAreComparedByColumnAndAllowedValues() {
    List<String[]> rows =
        mutate(
            rowsOf(CONTRACT),
            row -> {
              if (is(row, "check", "OutboundJob", "OutboundJob_status_check")) {
                return null;
              }
              if (is(row, "check", "OutboundMessageLog", "OutboundMessageLog_status_check")) {
                row[3] = "CHECK ((status = ANY (ARRAY['PENDING'::text, 'SENT'::text])))";
              }
              if (is(row, "check", "Task", "Task_status_check")) {
                row[3] = "CHECK ((length(status) < 10))";
              }
              if (is(row, "check", "Message", "Message_direction_check")) {
                row[4] = "NOT VALID";
              }
              if (is(row, "check", "Conversation", "Conversation_status_check")) {
                // The same values in another order are the same constraint.
                row[3] =
                    "CHECK ((status = ANY (ARRAY['CLOSED'::text, 'ACTIVE'::text, 'HANDOVER'::text])))";
              }
              return row;
            });
    SchemaDrift.Report report = SchemaDrift.compare(CONTRACT, LiveCatalog.fromRows(rows));
    assertEquals(
        List.of(
            "❌ Message_direction_check: NOT VALIDATED; run: ALTER TABLE \"Message\" VALIDATE CONSTRAINT \"Message_direction_check\"",
            "❌ OutboundJob_status_check: MISSING",
            "❌ OutboundMessageLog_status_check: DIFFERENT status IN ('PENDING', 'SENT'), expected status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'UNKNOWN')",
            "❌ Task_status_check: DIFFERENT CHECK ((length(status) < 10)), expected status IN ('OPEN', 'DONE')"),
        report.problems().stream().map(Check::line).toList());
    assertTrue(lines(report).contains("✅ Conversation_status_check: EXISTS"));
  }

  @Test
  void defaultsInsertsRelyOnAndPrimaryKeysAreCompared() {
    List<String[]> rows =
        mutate(
            rowsOf(CONTRACT),
            row -> {
              if (is(row, "column", "OutboundJob", "maxAttempts")) {
                row[5] = "5";
              }
              if (is(row, "column", "OutboundJob", "leaseEpoch")
                  || is(row, "column", "Task", "updatedAt")) {
                row[5] = null;
              }
              if (is(row, "column", "Contact", "name")) {
                row[5] = "'anonymous'::text"; // a default the product does not rely on
              }
              if (is(row, "pk", "Lead", "Lead_pkey")) {
                return null;
              }
              if (is(row, "pk", "Task", "Task_pkey")) {
                row[3] = "id,conversationId";
              }
              return row;
            });
    SchemaDrift.Report report = SchemaDrift.compare(CONTRACT, LiveCatalog.fromRows(rows));
    assertEquals(
        List.of(
            "❌ Lead_pkey: MISSING",
            "❌ OutboundJob.maxAttempts: DEFAULT 5, expected DEFAULT 3",
            "❌ OutboundJob.leaseEpoch: NO DEFAULT, expected DEFAULT 0",
            "❌ Task.updatedAt: NO DEFAULT, expected DEFAULT CURRENT_TIMESTAMP",
            "❌ Task_pkey: ON Task[id, conversationId], expected Task[id]"),
        report.problems().stream().map(Check::line).toList());
    assertTrue(lines(report).contains("✅ OutboundJob.attempts: EXISTS"));
    assertTrue(lines(report).contains("✅ OutboundJob_pkey: EXISTS"));
  }

  @Test
  void jobAndLedgerChecksAllowExactlyTheEnumsValues() {
    assertEquals(
        List.of("QUEUED", "RUNNING", "DONE", "FAILED", "CANCELLED"),
        allowed("OutboundJob_status_check"));
    assertEquals(
        List.of("PENDING", "SENDING", "SENT", "FAILED", "UNKNOWN"),
        allowed("OutboundMessageLog_status_check"));
  }

  private static List<String> allowed(String checkName) {
    return CONTRACT.checks().stream()
        .filter(c -> c.name().equals(checkName))
        .findFirst()
        .orElseThrow()
        .allowed();
  }

  @Test
  void aMissingTableIsOneProblemAndUnknownObjectsAreIgnored() {
    List<String[]> rows = mutate(rowsOf(CONTRACT), r -> r[1].equals("WebhookEvent") ? null : r);
    rows.add(
        new String[] {
          "column", "_prisma_migrations", "id", "character varying(36)", "NOT NULL", null, null
        });
    SchemaDrift.Report report = SchemaDrift.compare(CONTRACT, LiveCatalog.fromRows(rows));
    assertEquals(
        List.of("❌ WebhookEvent: MISSING (table)"),
        report.problems().stream().map(Check::line).toList());
    assertEquals("❌ Schema verification FAILED (1 problem)", report.verdict());
  }

  @Test
  void aServiceSubsetChecksOnlyItsTables() {
    SchemaContract inbox = CONTRACT.only(Set.of("Conversation", "Contact"));
    List<String[]> rows = mutate(rowsOf(CONTRACT), r -> r[1].equals("Message") ? null : r);
    assertTrue(SchemaDrift.compare(inbox, LiveCatalog.fromRows(rows)).passed());
    assertEquals(
        List.of("Conversation_contactId_fkey"),
        inbox.foreignKeys().stream().map(ForeignKey::name).toList());
  }

  @Test
  void triggersAreComparedByTableFunctionAndWhetherTheyAreEnabled() {
    List<String[]> rows =
        mutate(
            rowsOf(CONTRACT),
            row -> {
              if (is(row, "trigger", "Message", "Message_inbox_event")) {
                return null;
              }
              if (is(row, "trigger", "Task", "Task_inbox_event")) {
                row[4] = "DISABLED";
              }
              if (is(row, "trigger", "Notification", "Notification_inbox_event")) {
                row[3] = "audit";
              }
              return row;
            });
    SchemaDrift.Report report = SchemaDrift.compare(CONTRACT, LiveCatalog.fromRows(rows));
    assertEquals(
        List.of(
            "❌ Message_inbox_event: MISSING",
            "❌ Task_inbox_event: DISABLED; run: ALTER TABLE \"Task\" ENABLE TRIGGER \"Task_inbox_event\"",
            "❌ Notification_inbox_event: ON Notification RUNS audit(), expected ON Notification RUNS inbox_event()"),
        report.problems().stream().map(Check::line).toList());
    assertTrue(lines(report).contains("✅ Conversation_inbox_event: EXISTS"));
  }

  @Test
  void typesAreNormalisedAsTheDdlWroteThem() {
    assertEquals("timestamp(3)", LiveCatalog.normaliseType("timestamp(3) without time zone"));
    assertEquals("timestamptz", LiveCatalog.normaliseType("timestamp with time zone"));
  }

  /** The catalog rows a database exactly matching the contract would give. */
  static List<String[]> rowsOf(SchemaContract contract) {
    List<String[]> rows = new ArrayList<>();
    for (Table t : contract.tables()) {
      for (Column c : t.columns()) {
        rows.add(
            new String[] {
              "column",
              t.name(),
              c.name(),
              c.type(),
              c.nullable() ? "NULL" : "NOT NULL",
              c.defaultValue(),
              null
            });
      }
      rows.add(
          new String[] {
            "pk",
            t.name(),
            t.primaryKey().name(),
            String.join(",", t.primaryKey().columns()),
            null,
            null,
            null
          });
    }
    for (Index i : contract.indexes()) {
      rows.add(
          new String[] {
            "index",
            i.table(),
            i.name(),
            String.join(",", i.columns()),
            i.unique() ? "UNIQUE" : "INDEX",
            "VALID",
            i.where()
          });
    }
    for (ForeignKey f : contract.foreignKeys()) {
      String code =
          switch (f.onDelete()) {
            case RESTRICT -> "r";
            case SET_NULL -> "n";
            case CASCADE -> "c";
            case NO_ACTION -> "a";
            case SET_DEFAULT -> "d";
          };
      rows.add(
          new String[] {
            "fk",
            f.table(),
            f.name(),
            f.column(),
            f.referencedTable() + "." + f.referencedColumn(),
            code,
            "VALID"
          });
    }
    for (CheckConstraint c : contract.checks()) {
      rows.add(new String[] {"check", c.table(), c.name(), checkDef(c), "VALID", null, null});
    }
    for (Trigger t : contract.triggers()) {
      rows.add(new String[] {"trigger", t.table(), t.name(), t.function(), "ENABLED", null, null});
    }
    return rows;
  }

  /** As {@code pg_get_constraintdef} prints {@code CHECK (status IN ('A', 'B'))}. */
  private static String checkDef(CheckConstraint check) {
    return "CHECK ((%s = ANY (ARRAY[%s])))"
        .formatted(
            check.column(),
            String.join(", ", check.allowed().stream().map(v -> "'" + v + "'::text").toList()));
  }

  private static boolean is(String[] row, String kind, String table, String name) {
    return row[0].equals(kind) && row[1].equals(table) && row[2].equals(name);
  }

  private static List<String[]> mutate(List<String[]> rows, UnaryOperator<String[]> change) {
    List<String[]> result = new ArrayList<>();
    for (String[] row : rows) {
      String[] changed = change.apply(row.clone());
      if (changed != null) {
        result.add(changed);
      }
    }
    return result;
  }

  private static List<String> lines(SchemaDrift.Report report) {
    return report.checks().stream().map(Check::line).toList();
  }
}
