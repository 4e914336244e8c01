package io.inbox.guard;

import io.inbox.domain.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Puts a test database into the states operators meet: empty, Prisma-made with rows, drifted. */
final class GuardDatabase {

  private GuardDatabase() {}

  /** The earlier system's schema with a conversation and its dependents (ids 1). */
  static void loadLegacyWithRows(String database) {
    TestDatabase.execute(database, resource("/legacy-schema.sql"));
    TestDatabase.execute(
        database,
        """
        INSERT INTO "Contact" ("phone", "name", "updatedAt") VALUES ('+260777711059', 'Ada', now());
        INSERT INTO "Conversation" ("contactId", "updatedAt") VALUES (1, now());
        INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId")
             VALUES (1, 'INBOUND', 'hello', 'wamid.in1'), (1, 'OUTBOUND', 'hi!', 'wamid.out1');
        INSERT INTO "OutboundJob" ("conversationId", "inboundProviderMessageId", "status", "updatedAt")
             VALUES (1, 'wamid.in1', 'DONE', now());
        INSERT INTO "OutboundMessageLog" ("conversationId", "dedupeKey", "status", "updatedAt")
             VALUES (1, 'k1', 'SENT', now());
        INSERT INTO "Task" ("conversationId", "title", "updatedAt") VALUES (1, 'call back', now());
        INSERT INTO "Notification" ("conversationId", "type", "title") VALUES (1, 'HANDOVER', 'x');
        """);
  }

  static long count(String database, String table) {
    try (Connection c = TestDatabase.connect(database);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = GuardDatabase.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
