package io.inbox.webhook.whatsapp;

import io.inbox.domain.testing.TestDatabase;

/** Reads what the webhook wrote, straight from Postgres. */
final class Rows {

  static final String DB = "inbox_webhook_test";

  private Rows() {}

  static long count(String sql) {
    return TestDatabase.count(DB, sql);
  }

  static String value(String sql) {
    return TestDatabase.value(DB, sql);
  }

  static void clean() {
    TestDatabase.truncateProductTables(DB);
  }
}
