package io.inbox.webhook.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every inbound message looks up its contact's open conversation ({@link InboundSql#INGEST}). On a
 * database without statistics (a new one, a restore before its first ANALYZE, autovacuum off as on
 * this project's CI) the plan the service caches for that statement must still find it through one
 * index entry, not by reading every live conversation of the deletedAt index on each message.
 */
class IngestPlanTest {

  private static final String DB = "inbox_webhook_plan_test";

  @BeforeAll
  static void twentyThousandConversationsWithoutStatistics() {
    MigratedDatabase.migrate(DB);
    TestDatabase.execute(
        DB,
        """
        ALTER TABLE "Conversation" SET (autovacuum_enabled = false);
        INSERT INTO "Contact" ("phone") SELECT '+2607' || lpad(g::text, 8, '0')
          FROM generate_series(1, 20000) g;
        INSERT INTO "Conversation" ("contactId", "channelId") SELECT "id", 1 FROM "Contact";
        """);
  }

  @Test
  void theCachedPlanFindsTheConversationByItsContactAlone() throws Exception {
    String plan;
    try (Connection c = TestDatabase.connect(DB);
        Statement st = c.createStatement()) {
      st.execute("PREPARE ingest AS " + InboundSql.INGEST);
      // The plan a pooled connection keeps after its first executions: one for any parameters.
      st.execute("SET plan_cache_mode = force_generic_plan");
      try (ResultSet rs =
          st.executeQuery(
              """
              EXPLAIN (FORMAT JSON) EXECUTE ingest('wamid.plan', NULL, 4321, 1, TRUE,
                now() AT TIME ZONE 'UTC', 'hi', 'text', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                NULL, NULL, NULL, NULL, NULL, NULL)
              """)) {
        rs.next();
        plan = rs.getString(1);
      }
    }
    assertTrue(plan.contains("\"Conversation_contactId_live_idx\""), plan);
    assertFalse(plan.contains("\"Conversation_deletedAt_idx\""), plan);
  }
}
