package io.inbox.webhook.whatsapp;

import io.inbox.domain.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads what the webhook wrote, straight from Postgres. */
final class Rows {

  static final String DB = "inbox_webhook_test";

  private Rows() {}

  static long count(String sql) {
    return Long.parseLong(value(sql));
  }

  static String value(String sql) {
    try (Connection c = TestDatabase.connect(DB);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void clean() {
    TestDatabase.execute(
        DB,
        """
        TRUNCATE "OutboundMessageLog", "OutboundJob", "Message", "Task", "Notification",
                 "Conversation", "Lead", "Contact", "WebhookEvent" RESTART IDENTITY CASCADE
        """);
  }
}
