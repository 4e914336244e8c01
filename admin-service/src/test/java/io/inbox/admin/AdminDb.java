package io.inbox.admin;

import static io.restassured.RestAssured.given;

import io.inbox.domain.testing.TestDatabase;
import io.restassured.specification.RequestSpecification;

/** Seeds and reads the admin test database; signs requests with the test token. */
public final class AdminDb {

  public static final String DB = "inbox_admin_test";

  private AdminDb() {}

  public static RequestSpecification admin() {
    return given()
        .header("Authorization", "Bearer test-admin-token")
        .header("X-Admin-User", "Ada Agent");
  }

  public static void clean() {
    TestDatabase.truncateProductTables(DB);
  }

  /** A contact with one conversation (id returned) holding an inbound message and its DONE job. */
  public static long conversation(String phone, String name, String inboundText) {
    return Long.parseLong(
        value(
            """
            WITH contact AS (INSERT INTO "Contact" ("phone", "name") VALUES ('%1$s', '%2$s') RETURNING "id"),
            conversation AS (INSERT INTO "Conversation" ("contactId") SELECT "id" FROM contact RETURNING "id"),
            message AS (
              INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId")
              SELECT "id", 'INBOUND', '%3$s', 'wamid.' || "id" || '.%1$s' FROM conversation RETURNING "conversationId")
            SELECT "conversationId" FROM message
            """
                .formatted(phone, name, inboundText)));
  }

  public static void execute(String sql) {
    TestDatabase.execute(DB, sql);
  }

  public static long count(String sql) {
    return TestDatabase.count(DB, sql);
  }

  public static String value(String sql) {
    return TestDatabase.value(DB, sql);
  }
}
