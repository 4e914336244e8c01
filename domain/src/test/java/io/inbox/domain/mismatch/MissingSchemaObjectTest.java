package io.inbox.domain.mismatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
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
  void hibernateReactivesSqlExceptionIsRecognisedInTheCauseChain() {
    var hibernate =
        new RuntimeException(
            "error executing SQL statement",
            new SQLException("ERROR: column c1_0.deletedAt does not exist (42703)", "42703"));
    assertEquals(
        "Conversation.deletedAt column", MissingSchemaObject.in(hibernate).orElseThrow().name());
    assertTrue(
        MissingSchemaObject.in(new RuntimeException(new SQLException("duplicate key", "23505")))
            .isEmpty());
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
