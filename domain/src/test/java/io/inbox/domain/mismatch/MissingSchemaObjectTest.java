package io.inbox.domain.mismatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MissingSchemaObjectTest {

  @Test
  void undefinedColumnIsNamedWithItsTableAsTheRunbookLogsIt() {
    MissingSchemaObject missing =
        MissingSchemaObject.from("42703", "column c.deletedAt does not exist").orElseThrow();
    assertEquals(
        "[DB-MISMATCH] Conversation.deletedAt column does not exist. DB migrations not applied.",
        missing.logLine());
    assertEquals(
        "Notification.snoozedUntil column",
        MissingSchemaObject.from("42703", "column \"snoozedUntil\" does not exist")
            .orElseThrow()
            .name());
  }

  @Test
  void aColumnSeveralTablesHaveStaysUnqualified() {
    assertEquals(
        "status column",
        MissingSchemaObject.from("42703", "column \"status\" does not exist").orElseThrow().name());
  }

  @Test
  void undefinedTableIsNamedAndOtherErrorsAreNotMismatches() {
    assertEquals(
        "WebhookEvent table",
        MissingSchemaObject.from("42P01", "relation \"WebhookEvent\" does not exist")
            .orElseThrow()
            .name());
    assertTrue(MissingSchemaObject.from("23505", "duplicate key").isEmpty());
  }
}
