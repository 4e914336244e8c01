package io.inbox.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The product as an operator runs it, on the happy path: the packaged guard migrates a fresh
 * database, the three services start as processes configured only by environment variables, and a
 * signed webhook becomes one reply visible through the admin API.
 */
class EndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> ADMIN =
      Map.of("Authorization", "Bearer " + Stack.ADMIN_TOKEN, "X-Admin-User", "ops");

  @Test
  void aSignedMessageGetsExactlyOneReplyVisibleInTheAdminApi() throws Exception {
    try (Stack stack = Stack.migrated("inbox_e2e")) {
      Stack.Service webhook = stack.webhook();
      Stack.Service runner = stack.runner();
      Stack.Service admin = stack.admin();
      for (Stack.Service service : new Stack.Service[] {webhook, runner, admin}) {
        stack.awaitReady(service, Duration.ofSeconds(60));
      }
      String body = Meta.text("260777711059", "wamid.e2e.in", "What are your opening hours?");
      assertEquals(200, Stack.status(stack.postWebhook(webhook, body)));

      Stack.awaitTrue(() -> providerCalls(stack) == 1, Duration.ofSeconds(30), "one provider call");
      JsonNode detail = awaitConversationWithReply(admin);
      assertEquals("INBOUND", detail.path("messages").path(0).path("direction").asText());
      assertEquals("OUTBOUND", detail.path("messages").path(1).path("direction").asText());
      assertEquals("SENT", detail.path("messages").path(1).path("status").asText());

      // Meta redelivers: nothing changes, nothing is sent again.
      assertEquals(200, Stack.status(stack.postWebhook(webhook, body)));
      Thread.sleep(1_000);
      assertEquals(1, providerCalls(stack));
      long id = detail.path("conversation").path("id").asLong();
      assertEquals(2, conversation(admin, id).path("messages").size());

      // Soft delete hides it from the inbox.
      assertEquals(
          200,
          Stack.status(
              Stack.send(admin, "POST", "/api/admin/conversations/" + id + "/delete", ADMIN, "")));
      assertEquals(0, list(admin).path("items").size());

      // The cron endpoint answers the runbook's JSON.
      HttpResponse<String> cron =
          Stack.send(
              runner,
              "GET",
              "/api/cron/run-outbound-jobs",
              Map.of("X-Cron-Secret", Stack.CRON_SECRET),
              null);
      JsonNode answer = JSON.readTree(cron.body());
      assertEquals(200, cron.statusCode());
      assertEquals("Job runner triggered", answer.path("message").asText());
      assertTrue(answer.path("jobRunnerResult").path("ok").asBoolean());
      assertEquals("header", answer.path("authMethod").asText());
      assertTrue(answer.path("requestId").asText().startsWith("cron_"));
      assertTrue(answer.path("elapsed").asText().endsWith("ms"));
    }
  }

  private static int providerCalls(Stack stack) {
    return stack.meta.findAll(postRequestedFor(urlPathMatching(".*/messages"))).size();
  }

  private static JsonNode awaitConversationWithReply(Stack.Service admin) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode items = list(admin).path("items");
      if (items.size() == 1) {
        JsonNode detail = conversation(admin, items.path(0).path("id").asLong());
        if (detail.path("messages").size() == 2) {
          return detail;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no reply visible through the admin API within 30 s");
  }

  private static JsonNode list(Stack.Service admin) throws Exception {
    return JSON.readTree(Stack.send(admin, "GET", "/api/admin/conversations", ADMIN, null).body());
  }

  private static JsonNode conversation(Stack.Service admin, long id) throws Exception {
    return JSON.readTree(
        Stack.send(admin, "GET", "/api/admin/conversations/" + id, ADMIN, null).body());
  }
}
