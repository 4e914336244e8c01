package io.inbox.runner;

import io.inbox.domain.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Rows as webhook-service would have written them, and reads of what the runner did. */
public final class Seed {

  public static final String DB = "inbox_runner_test";

  private Seed() {}

  public static void clean() {
    TestDatabase.truncateProductTables(DB);
  }

  /** A customer, their open conversation, an inbound message and its QUEUED job; the job id. */
  public static long job(String phone, String name, String wamid, String text) {
    return Long.parseLong(
        value(
            """
            WITH contact AS (
              INSERT INTO "Contact" ("phone", "waId", "name") VALUES ('%1$s', ltrim('%1$s', '+'), '%2$s')
              ON CONFLICT ("phone") DO UPDATE SET "name" = EXCLUDED."name" RETURNING "id"),
            conversation AS (
              INSERT INTO "Conversation" ("contactId") SELECT "id" FROM contact RETURNING "id"),
            message AS (
              INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId")
              SELECT "id", 'INBOUND', '%4$s', '%3$s' FROM conversation RETURNING "id", "conversationId")
            INSERT INTO "OutboundJob" ("conversationId", "inboundMessageId", "inboundProviderMessageId")
            SELECT "conversationId", "id", '%3$s' FROM message RETURNING "id"
            """
                .formatted(phone, name, wamid, text)));
  }

  /**
   * A customer and their open conversation, whose last message came an hour ago (Meta's 24-hour
   * window is open, so an agent may reply); the conversation's id.
   */
  public static long conversation(String phone, String name) {
    return Long.parseLong(
        value(
            """
            WITH contact AS (
              INSERT INTO "Contact" ("phone", "waId", "name") VALUES ('%1$s', ltrim('%1$s', '+'), '%2$s')
              ON CONFLICT ("phone") DO UPDATE SET "name" = EXCLUDED."name" RETURNING "id")
            INSERT INTO "Conversation" ("contactId", "lastInboundAt")
            SELECT "id", (now() AT TIME ZONE 'UTC') - interval '1 hour' FROM contact RETURNING "id"
            """
                .formatted(phone, name)));
  }

  /** Another inbound message of conversation {@code conversationId} and its QUEUED job. */
  public static long nextMessage(long conversationId, String wamid, String text) {
    return Long.parseLong(
        value(
            """
            WITH message AS (
              INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId")
              VALUES (%1$d, 'INBOUND', '%3$s', '%2$s') RETURNING "id", "conversationId")
            INSERT INTO "OutboundJob" ("conversationId", "inboundMessageId", "inboundProviderMessageId")
            SELECT "conversationId", "id", '%2$s' FROM message RETURNING "id"
            """
                .formatted(conversationId, wamid, text)));
  }

  /** Makes every queued job due now, instead of sleeping through its backoff. */
  public static void makeDue() {
    TestDatabase.execute(
        DB,
        "UPDATE \"OutboundJob\" SET \"runAt\" = (now() AT TIME ZONE 'UTC') - interval '1 second' WHERE status = 'QUEUED'");
  }

  public static long count(String sql) {
    return TestDatabase.count(DB, sql);
  }

  public static String value(String sql) {
    return TestDatabase.value(DB, sql);
  }

  public static void execute(String sql) {
    TestDatabase.execute(DB, sql);
  }

  /** Waits (at most 20 s) for a condition instead of sleeping a fixed time. */
  public static void await(Callable<Boolean> condition) throws Exception {
    await(Duration.ofSeconds(20), condition);
  }

  /** Waits at most {@code bound} for a condition instead of sleeping a fixed time. */
  public static void await(Duration bound, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + bound.toSeconds() + " s");
      }
      Thread.sleep(20);
    }
  }
}
