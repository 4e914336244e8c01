package io.inbox.admin.events;

import static io.inbox.admin.AdminDb.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.admin.AdminDb;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class InboxEventResourceTest {

  private static final Map<String, String> TOKEN =
      Map.of("Authorization", "Bearer test-admin-token");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/api/admin/events")
  URI events;

  @Inject InboxEventPruner pruner;

  long conversation;

  @BeforeEach
  void seed() {
    AdminDb.clean();
    conversation = AdminDb.conversation("+260777700001", "Ada", "hello");
    // After the seed: its event, notified but gone from the log, reaches no client late.
    AdminDb.execute("DELETE FROM \"InboxEvent\"");
  }

  @Test
  void anInboundMessageReachesAConnectedClient() throws Exception {
    try (SseClient client = SseClient.open(events, TOKEN)) {
      assertEquals(200, client.status());
      assertEquals(List.of(), client.replayUntilLive(), "no Last-Event-ID: nothing replayed");
      long message = inbound("wamid.live.1", "Is my order ready?");

      SseClient.Block event = client.nextEvent();
      long eventId = eventOf(message);
      assertEquals(String.valueOf(eventId), event.id());
      assertEquals("Message.insert", event.event());
      JsonNode data = JSON.readTree(event.data());
      assertEquals(eventId, data.path("id").asLong());
      assertEquals("Message.insert", data.path("type").asText());
      assertEquals(conversation, data.path("conversationId").asLong());
      assertEquals(message, data.path("entityId").asLong());
      assertEquals(
          Instant.parse(
              AdminDb.value(
                  "SELECT to_char(\"createdAt\", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
                      + " FROM \"InboxEvent\" WHERE id = "
                      + eventId)),
          Instant.parse(data.path("createdAt").asText()));
    }
  }

  @Test
  void aClientReconnectingWithLastEventIdGetsOnlyWhatCameAfter() throws Exception {
    long first = eventOf(inbound("wamid.r.1", "one"));
    long second = eventOf(inbound("wamid.r.2", "two"));
    long third = eventOf(inbound("wamid.r.3", "three"));

    try (SseClient client =
        SseClient.open(
            events,
            Map.of(
                "Last-Event-ID",
                String.valueOf(first),
                "Authorization",
                TOKEN.get("Authorization")))) {
      assertEquals(
          List.of(String.valueOf(second), String.valueOf(third)),
          client.replayUntilLive().stream().map(SseClient.Block::id).toList());
      long fourth = eventOf(inbound("wamid.r.4", "four"));
      long fifth = eventOf(inbound("wamid.r.5", "five"));
      assertEquals(String.valueOf(fourth), client.nextEvent().id());
      assertEquals(String.valueOf(fifth), client.nextEvent().id(), "nothing sent twice");
    }

    try (SseClient client = SseClient.open(URI.create(events + "?lastEventId=" + second), TOKEN)) {
      List<SseClient.Block> replayed = client.replayUntilLive();
      assertEquals(String.valueOf(third), replayed.get(0).id());
      assertEquals(3, replayed.size());
    }
  }

  @Test
  void aClientThatMissedMoreThanTheReplayLimitIsToldToReload() throws Exception {
    long before = Long.parseLong(AdminDb.value("SELECT COALESCE(max(id), 0) FROM \"InboxEvent\""));
    AdminDb.execute(
        "INSERT INTO \"InboxEvent\" (type, \"entityId\") SELECT 'Task.insert', g FROM generate_series(1, 1001) g");
    String newest = AdminDb.value("SELECT max(id) FROM \"InboxEvent\"");
    try (SseClient client = SseClient.open(URI.create(events + "?lastEventId=" + before), TOKEN)) {
      List<SseClient.Block> replayed = client.replayUntilLive();
      assertEquals(1, replayed.size());
      assertEquals("resync", replayed.get(0).event());
      assertEquals(newest, replayed.get(0).id());
    }
  }

  @Test
  void anIdleStreamGetsKeepAliveComments() throws Exception {
    try (SseClient client = SseClient.open(events, TOKEN)) {
      client.replayUntilLive();
      assertEquals("keep-alive", client.next().comment());
    }
  }

  @Test
  void eventsKeepComingAfterTheListenConnectionIsCut() throws Exception {
    try (SseClient client = SseClient.open(events, TOKEN)) {
      client.replayUntilLive();
      assertEquals(
          "1",
          AdminDb.value(
              "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                  + " WHERE datname = current_database() AND query ILIKE 'LISTEN%inbox_events%'"));
      long message = inbound("wamid.cut.1", "are you there?");
      assertEquals(String.valueOf(eventOf(message)), client.nextEvent().id());
      long next = inbound("wamid.cut.2", "hello?");
      assertEquals(String.valueOf(eventOf(next)), client.nextEvent().id());
    }
  }

  @Test
  void theStreamNeedsTheTokenAndAValidLastEventId() throws Exception {
    given().get("/api/admin/events").then().statusCode(401);
    admin()
        .header("Last-Event-ID", "yesterday")
        .get("/api/admin/events")
        .then()
        .statusCode(400)
        .body("field", equalTo("Last-Event-ID"));
    admin()
        .queryParam("lastEventId", "-4")
        .get("/api/admin/events")
        .then()
        .statusCode(400)
        .body("field", equalTo("lastEventId"));
  }

  @Test
  void eventsOlderThanTheRetentionArePruned() {
    AdminDb.execute(
        """
        INSERT INTO "InboxEvent" (type, "entityId", "createdAt")
        VALUES ('Task.insert', 1, (now() AT TIME ZONE 'UTC') - interval '24 hours 1 second'),
               ('Task.insert', 2, (now() AT TIME ZONE 'UTC') - interval '23 hours 59 minutes')
        """);
    long before = AdminDb.count("SELECT count(*) FROM \"InboxEvent\"");
    pruner.prune().await().atMost(Duration.ofSeconds(30));
    assertEquals(before - 1, AdminDb.count("SELECT count(*) FROM \"InboxEvent\""));
    assertNull(
        AdminDb.value(
            "SELECT id FROM \"InboxEvent\" WHERE \"entityId\" = 1 AND type = 'Task.insert'"));
    assertTrue(AdminDb.count("SELECT count(*) FROM \"InboxEvent\" WHERE \"entityId\" = 2") == 1);
  }

  /** An inbound message written as webhook-service writes it (InboundSql); returns its id. */
  private long inbound(String wamid, String body) {
    return Long.parseLong(
        AdminDb.value(
            """
            WITH message AS (
              INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId", "status", "createdAt")
              VALUES (%1$d, 'INBOUND', '%3$s', '%2$s', 'RECEIVED', (now() AT TIME ZONE 'UTC'))
              ON CONFLICT ("providerMessageId") DO NOTHING
              RETURNING "id"
            ), touched AS (
              UPDATE "Conversation" SET "lastInboundAt" = (now() AT TIME ZONE 'UTC'),
                     "updatedAt" = (now() AT TIME ZONE 'UTC')
               WHERE "id" = %1$d
            )
            SELECT "id" FROM message
            """
                .formatted(conversation, wamid, body)));
  }

  private static long eventOf(long message) {
    return Long.parseLong(
        AdminDb.value(
            "SELECT id FROM \"InboxEvent\" WHERE type = 'Message.insert' AND \"entityId\" = "
                + message));
  }
}
