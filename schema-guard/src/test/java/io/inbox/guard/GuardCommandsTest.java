package io.inbox.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.testing.TestDatabase;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guard's commands in-process against {@code inbox_guard_test} (the %test datasource). */
@QuarkusMainTest
class GuardCommandsTest {

  static final String DB = "inbox_guard_test";

  @BeforeAll
  static void createDatabase() {
    TestDatabase.create(DB);
  }

  @BeforeEach
  void emptySchema() {
    TestDatabase.resetSchema(DB);
  }

  @Test
  void migrateOnAnEmptyDatabaseAppliesEveryMigrationAndPasses(QuarkusMainLauncher launcher) {
    LaunchResult first = launcher.launch("migrate");
    assertEquals(0, first.exitCode(), first.getOutput() + first.getErrorOutput());
    assertTrue(first.getOutput().contains("✅ Applied V1 prisma tables"), first.getOutput());
    assertTrue(first.getOutput().contains("✅ Applied V3 indexes and validated foreign keys"));
    assertTrue(first.getOutput().contains("✅ Applied V4 status checks"));
    assertTrue(first.getOutputStream().contains("✅ OutboundJob_status_check: EXISTS"));
    assertTrue(first.getOutput().endsWith("✅ Schema verification PASSED"), first.getOutput());

    LaunchResult again = launcher.launch("migrate");
    assertEquals(0, again.exitCode());
    assertTrue(
        again.getOutput().contains("✅ No pending migrations (schema version 10)"),
        again.getOutput());
  }

  @Test
  void legacyDatabaseIsReportedThenAdoptedInPlaceKeepingEveryRow(QuarkusMainLauncher launcher) {
    GuardDatabase.loadLegacyWithRows(DB);

    LaunchResult before = launcher.launch("verify");
    assertEquals(1, before.exitCode());
    List<String> lines = before.getOutputStream();
    assertTrue(lines.contains("❌ Conversation.deletedAt: MISSING"), before.getOutput());
    assertTrue(lines.contains("❌ Notification.snoozedUntil: MISSING"));
    assertTrue(lines.contains("❌ Conversation_deletedAt_idx: MISSING"));
    assertTrue(lines.contains("❌ Notification_snoozedUntil_idx: MISSING"));
    assertTrue(lines.contains("❌ WebhookEvent: MISSING (table)"));
    assertTrue(lines.contains("✅ Contact.phone: EXISTS"));
    assertTrue(lines.get(lines.size() - 1).startsWith("❌ Schema verification FAILED ("));

    LaunchResult migrate = launcher.launch("migrate");
    assertEquals(0, migrate.exitCode(), migrate.getOutput() + migrate.getErrorOutput());
    assertTrue(migrate.getOutputStream().contains("✅ Conversation.deletedAt: EXISTS"));
    assertTrue(migrate.getOutput().endsWith("✅ Schema verification PASSED"));

    assertEquals(1, GuardDatabase.count(DB, "Contact"));
    assertEquals(1, GuardDatabase.count(DB, "Conversation"));
    assertEquals(2, GuardDatabase.count(DB, "Message"));
    assertEquals(1, GuardDatabase.count(DB, "OutboundJob"));
    assertEquals(1, GuardDatabase.count(DB, "OutboundMessageLog"));
    assertEquals(1, GuardDatabase.count(DB, "Task"));
    assertEquals(1, GuardDatabase.count(DB, "Notification"));
    assertEquals(0, GuardDatabase.count(DB, "_prisma_migrations"));
  }

  @Test
  void legacyStatusValuesStopMigrateNamingTheRowsAndTheFixWithoutRewritingThem(
      QuarkusMainLauncher launcher) {
    GuardDatabase.loadLegacyWithRows(DB);
    TestDatabase.execute(
        DB,
        """
        INSERT INTO "OutboundJob" ("conversationId", "inboundProviderMessageId", "status", "updatedAt")
             VALUES (1, 'wamid.in2', 'ERROR', now()), (1, 'wamid.in3', 'ERROR', now());
        UPDATE "Task" SET "status" = 'done';
        """);

    LaunchResult blocked = launcher.launch("migrate");
    assertEquals(2, blocked.exitCode(), blocked.getOutput() + blocked.getErrorOutput());
    assertEquals(
        List.of(
            "❌ Cannot add the status CHECK constraints: rows hold values the product never writes."
                + " Nothing was changed; migrate never rewrites data.",
            "❌ OutboundJob.status = 'ERROR' in 2 rows (ids 2, 3) breaks OutboundJob_status_check,"
                + " which allows QUEUED, RUNNING, DONE, FAILED, CANCELLED",
            "   Fix: UPDATE \"OutboundJob\" SET \"status\" = '<QUEUED|RUNNING|DONE|FAILED|CANCELLED>'"
                + " WHERE \"status\" = 'ERROR';",
            "❌ Task.status = 'done' in 1 row (id 1) breaks Task_status_check, which allows OPEN, DONE",
            "   Fix: UPDATE \"Task\" SET \"status\" = 'DONE' WHERE \"status\" = 'done';",
            "Decide what each value means, run the UPDATEs, then run migrate again."),
        blocked.getErrorStream());
    assertEquals(
        "2", TestDatabase.value(DB, "SELECT count(*) FROM \"OutboundJob\" WHERE status = 'ERROR'"));
    assertEquals("done", TestDatabase.value(DB, "SELECT status FROM \"Task\""));
    assertEquals(
        "0",
        TestDatabase.value(
            DB, "SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND conrelid <> 0"));

    TestDatabase.execute(
        DB,
        """
        UPDATE "OutboundJob" SET "status" = 'FAILED' WHERE "status" = 'ERROR';
        UPDATE "Task" SET "status" = 'DONE' WHERE "status" = 'done';
        """);
    LaunchResult migrate = launcher.launch("migrate");
    assertEquals(0, migrate.exitCode(), migrate.getOutput() + migrate.getErrorOutput());
    assertTrue(migrate.getOutputStream().contains("✅ Task_status_check: EXISTS"));
    assertTrue(migrate.getOutput().endsWith("✅ Schema verification PASSED"));
  }

  @Test
  void aMissingOrDifferentCheckConstraintIsNamed(QuarkusMainLauncher launcher) {
    assertEquals(0, launcher.launch("migrate").exitCode());
    TestDatabase.execute(
        DB,
        """
        ALTER TABLE "OutboundJob" DROP CONSTRAINT "OutboundJob_status_check";
        ALTER TABLE "Task" DROP CONSTRAINT "Task_status_check";
        ALTER TABLE "Task" ADD CONSTRAINT "Task_status_check" CHECK ("status" IN ('OPEN'));
        """);

    LaunchResult verify = launcher.launch("verify");
    assertEquals(1, verify.exitCode());
    assertEquals(
        List.of(
            "❌ OutboundJob_status_check: MISSING",
            "❌ Task_status_check: DIFFERENT CHECK ((status = 'OPEN'::text)), expected status IN ('OPEN', 'DONE')",
            "❌ Schema verification FAILED (2 problems)"),
        verify.getOutputStream().stream().filter(l -> l.startsWith("❌")).toList());
  }

  @Test
  void halfAppliedRunbookFixIsCompleted(QuarkusMainLauncher launcher) {
    GuardDatabase.loadLegacyWithRows(DB);
    // An operator pasted only the first statement of the runbook's SQL into the Neon editor.
    TestDatabase.execute(
        DB, "ALTER TABLE \"Conversation\" ADD COLUMN IF NOT EXISTS \"deletedAt\" TIMESTAMP(3)");

    LaunchResult before = launcher.launch("verify");
    assertTrue(before.getOutputStream().contains("✅ Conversation.deletedAt: EXISTS"));
    assertTrue(before.getOutputStream().contains("❌ Conversation_deletedAt_idx: MISSING"));

    LaunchResult migrate = launcher.launch("migrate");
    assertEquals(0, migrate.exitCode(), migrate.getOutput());
    assertTrue(migrate.getOutputStream().contains("✅ Conversation_deletedAt_idx: EXISTS"));
  }

  @Test
  void conflictingDriftFailsVerifyNamingEachProblem(QuarkusMainLauncher launcher) {
    assertEquals(0, launcher.launch("migrate").exitCode());
    TestDatabase.execute(
        DB,
        """
        ALTER TABLE "Conversation" ALTER COLUMN "deletedAt" TYPE TEXT;
        ALTER TABLE "Task" DROP CONSTRAINT "Task_conversationId_fkey";
        DROP INDEX "Notification_snoozedUntil_idx";
        ALTER TABLE "OutboundJob" ALTER COLUMN "maxAttempts" SET DEFAULT 5;
        ALTER TABLE "Task" DROP CONSTRAINT "Task_pkey";
        """);

    LaunchResult verify = launcher.launch("verify");
    assertEquals(1, verify.exitCode());
    List<String> problems =
        verify.getOutputStream().stream().filter(l -> l.startsWith("❌")).toList();
    assertEquals(
        List.of(
            "❌ Conversation.deletedAt: TYPE text, expected timestamp(3)",
            "❌ OutboundJob.maxAttempts: DEFAULT 5, expected DEFAULT 3",
            "❌ Task_pkey: MISSING",
            "❌ Notification_snoozedUntil_idx: MISSING",
            "❌ Task_conversationId_fkey: MISSING",
            "❌ Schema verification FAILED (5 problems)"),
        problems);

    // migrate cannot repair what its history says it already did: it reports and fails too.
    LaunchResult migrate = launcher.launch("migrate");
    assertEquals(1, migrate.exitCode());
    assertTrue(migrate.getOutput().endsWith("❌ Schema verification FAILED (5 problems)"));
  }

  @Test
  void verifyFksReportsStatusCountsAndConstraints(QuarkusMainLauncher launcher) {
    GuardDatabase.loadLegacyWithRows(DB);
    assertEquals(0, launcher.launch("migrate").exitCode());

    LaunchResult report = launcher.launch("verify-fks", "--conversation-id", "1");
    assertEquals(0, report.exitCode(), report.getOutput() + report.getErrorOutput());
    assertEquals(
        List.of(
            "✅ Conversation 1 exists",
            "   Status: ACTIVE",
            "📊 Dependent row counts:",
            "   Message: 2",
            "   Notification: 1",
            "   OrchestratorRun: 0",
            "   OutboundJob: 1",
            "   OutboundMessageLog: 1",
            "   Task: 1",
            "🔗 Foreign key constraints:",
            "   ✅ Message.conversationId -> Conversation.id",
            "   ✅ Notification.conversationId -> Conversation.id",
            "   ✅ OrchestratorRun.conversationId -> Conversation.id",
            "   ✅ OutboundJob.conversationId -> Conversation.id",
            "   ✅ OutboundMessageLog.conversationId -> Conversation.id",
            "   ✅ Task.conversationId -> Conversation.id"),
        report.getOutputStream());

    TestDatabase.execute(DB, "ALTER TABLE \"Task\" DROP CONSTRAINT \"Task_conversationId_fkey\"");
    LaunchResult missingFk = launcher.launch("verify-fks", "--conversation-id=1");
    assertEquals(1, missingFk.exitCode());
    assertTrue(
        missingFk
            .getOutputStream()
            .contains("   ❌ Task.conversationId -> Conversation.id MISSING"));
  }

  @Test
  void verifyFksOnAMissingConversationSaysSoAndExits1(QuarkusMainLauncher launcher) {
    assertEquals(0, launcher.launch("migrate").exitCode());
    LaunchResult report = launcher.launch("verify-fks", "--conversation-id", "404");
    assertEquals(1, report.exitCode());
    assertEquals("❌ Conversation 404 does not exist", report.getOutputStream().get(0));
  }

  @Test
  void verifyFksWithoutAUsableIdExits2(QuarkusMainLauncher launcher) {
    LaunchResult none = launcher.launch("verify-fks");
    assertEquals(2, none.exitCode());
    assertTrue(none.getErrorOutput().contains("Pass --conversation-id N or set CONVERSATION_ID=N"));
    LaunchResult bad = launcher.launch("verify-fks", "--conversation-id", "abc");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.getErrorOutput().contains("must be a positive whole number, got \"abc\""));
  }

  @Test
  void unknownCommandPrintsUsageAndExits2(QuarkusMainLauncher launcher) {
    LaunchResult result = launcher.launch("migrat");
    assertEquals(2, result.exitCode());
    assertTrue(result.getErrorOutput().contains("Unknown command \"migrat\""));
    assertTrue(result.getErrorOutput().contains("Usage: schema-guard <command>"));
  }
}
