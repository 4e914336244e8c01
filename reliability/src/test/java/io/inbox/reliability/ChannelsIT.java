package io.inbox.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two business numbers in one deployment, as an operator sets them up: the second created through
 * the admin API, its token a file in the mounted Secret directory. One webhook body carrying both
 * numbers is answered from each number with its own token. Then the second number's token expires
 * (Meta answers 401 / code 190) while its customers keep writing: the number pauses with one
 * notification, no reply FAILS, the other number keeps answering; the Secret is rotated and every
 * held reply goes out once, with the new token.
 */
class ChannelsIT {

  private static final String DEFAULT_SEND = "/v21.0/555/messages";
  private static final String SALES_SEND = "/v21.0/777/messages";
  private static final int CUSTOMERS = Scale.pick(10, 40);

  /** Jobs in flight: fewer than the customers, so the bound on refused sends means something. */
  private static final int IN_FLIGHT = 8;

  @Test
  void eachNumberAnswersWithItsOwnTokenAndAnExpiredTokenPausesOnlyItsNumber() throws Exception {
    try (Stack stack = Stack.migrated("inbox_channels")) {
      Path tokens = Files.createDirectories(Path.of("target/reliability/inbox_channels/tokens"));
      Path salesToken = tokens.resolve("WHATSAPP_TOKEN_SALES");
      Files.writeString(salesToken, "sales-token-1\n");
      Stack.Service webhook = stack.webhook("WEBHOOK_CHANNEL_REFRESH", "1s");
      Stack.Service runner =
          stack.runner(
              "WHATSAPP_TOKEN_DIR",
              tokens.toAbsolutePath().toString(),
              "RUNNER_CHANNEL_PROBE_INTERVAL",
              "1s",
              "RUNNER_CONCURRENCY",
              String.valueOf(IN_FLIGHT));
      Stack.Service admin = stack.admin();
      for (Stack.Service service : new Stack.Service[] {webhook, runner, admin}) {
        stack.awaitReady(service, Duration.ofSeconds(60));
      }
      assertEquals(
          201,
          Stack.status(
              Stack.send(
                  admin,
                  "POST",
                  "/api/admin/channels",
                  Map.of(
                      "Authorization", "Bearer " + Stack.ADMIN_TOKEN,
                      "X-Admin-User", "ops",
                      "Content-Type", "application/json"),
                  "{\"name\":\"sales\",\"phoneNumberId\":\"777\",\"tokenRef\":\"WHATSAPP_TOKEN_SALES\"}")));
      stack.meta.stubFor(post(urlEqualTo(DEFAULT_SEND)).willReturn(Stack.sentAnswer()));
      stack.meta.stubFor(
          post(urlEqualTo(SALES_SEND))
              .withHeader("Authorization", equalTo("Bearer sales-token-1"))
              .willReturn(Stack.sentAnswer()));
      Thread.sleep(1_500); // the webhook re-reads the channels every second

      // One body, two numbers.
      assertEquals(200, Stack.status(stack.postWebhook(webhook, twoNumbers())));
      Stack.awaitTrue(
          () -> stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'") == 2,
          Duration.ofSeconds(30),
          "both replies sent");
      assertEquals(1, calls(stack, DEFAULT_SEND, "reliability-token", "260700000001"));
      assertEquals(1, calls(stack, SALES_SEND, "sales-token-1", "260700000002"));

      // The sales token expires; its customers and the default number's keep writing.
      stack.meta.stubFor(
          post(urlEqualTo(SALES_SEND))
              .withHeader("Authorization", equalTo("Bearer sales-token-1"))
              .willReturn(
                  aResponse()
                      .withStatus(401)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"error\":{\"message\":\"Error validating access token: Session has"
                              + " expired\",\"type\":\"OAuthException\",\"code\":190,"
                              + "\"error_subcode\":463,\"fbtrace_id\":\"A1\"}}")));
      stack.meta.stubFor(
          post(urlEqualTo(SALES_SEND))
              .withHeader("Authorization", equalTo("Bearer sales-token-2"))
              .willReturn(Stack.sentAnswer()));
      for (int i = 0; i < CUSTOMERS; i++) {
        String sales = message("777", "2607100" + String.format("%05d", i), "wamid.s." + i);
        String other = message("555", "2607200" + String.format("%05d", i), "wamid.d." + i);
        assertEquals(200, Stack.status(stack.postWebhook(webhook, sales)));
        assertEquals(200, Stack.status(stack.postWebhook(webhook, other)));
      }
      Stack.awaitTrue(
          () -> defaultReplies(stack) == CUSTOMERS + 1,
          Duration.ofSeconds(60),
          "the default number answered all its customers meanwhile");
      Stack.awaitTrue(
          () -> stack.count(held()) == CUSTOMERS,
          Duration.ofSeconds(30),
          "every sales reply held, none running");
      long refused = calls(stack, SALES_SEND, "sales-token-1", null) - 1;
      assertEquals(1, notifications(stack, "CHANNEL_PAUSED"));
      assertEquals(0, stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'FAILED'"));
      assertEquals(
          0,
          stack.count(
              "SELECT count(*) FROM \"Channel\" WHERE \"pausedAt\" IS NULL AND name = 'sales'"));

      long rotated = System.nanoTime();
      Files.writeString(salesToken, "sales-token-2\n");
      Stack.awaitTrue(
          () ->
              stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'")
                  == 2L * CUSTOMERS + 2,
          Duration.ofSeconds(60),
          "every held reply sent after the rotation");
      long drainedMs = (System.nanoTime() - rotated) / 1_000_000;
      assertEquals(CUSTOMERS, calls(stack, SALES_SEND, "sales-token-2", null));
      assertEquals(1, notifications(stack, "CHANNEL_RESUMED"));
      assertEquals(0, stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status <> 'DONE'"));
      assertEquals(
          0,
          stack.count(
              "SELECT count(*) FROM (SELECT \"providerMessageId\" FROM \"OutboundMessageLog\""
                  + " GROUP BY 1 HAVING count(*) > 1) twice"));
      assertTrue(
          refused <= IN_FLIGHT + 1, "refused sends " + refused + " (at most the jobs in flight)");
      new Figures("channels and an expired token")
          .put("customersPerNumber", CUSTOMERS)
          .put("refusedSendsWhilePaused", refused)
          .put("heldReplies", CUSTOMERS)
          .put("failed", 0)
          .put("sentAfterRotationMs", drainedMs)
          .report();
    }
  }

  private static String held() {
    return """
        SELECT count(*) FROM "OutboundJob" j JOIN "Conversation" c ON c.id = j."conversationId"
          JOIN "Channel" ch ON ch.id = c."channelId"
         WHERE ch.name = 'sales' AND j.status = 'QUEUED' AND j.attempts = 0
           AND j."lastError" LIKE 'Channel sales paused%'
        """;
  }

  private static long defaultReplies(Stack stack) {
    return stack.meta.findAll(postRequestedFor(urlEqualTo(DEFAULT_SEND))).size();
  }

  private static long notifications(Stack stack, String type) {
    return stack.count("SELECT count(*) FROM \"Notification\" WHERE type = '" + type + "'");
  }

  /** Sends to {@code path} with {@code token}, to {@code recipient} when given. */
  private static long calls(Stack stack, String path, String token, String recipient) {
    RequestPatternBuilder pattern =
        postRequestedFor(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + token));
    if (recipient != null) {
      pattern = pattern.withRequestBody(containing(recipient));
    }
    return stack.meta.findAll(pattern).size();
  }

  private static String message(String phoneNumberId, String waId, String wamid) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"waba\",\"changes\":["
        + change(phoneNumberId, waId, wamid)
        + "]}]}";
  }

  private static String twoNumbers() {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"waba\",\"changes\":["
        + change("555", "260700000001", "wamid.two.1")
        + ","
        + change("777", "260700000002", "wamid.two.2")
        + "]}]}";
  }

  private static String change(String phoneNumberId, String waId, String wamid) {
    return """
        {"field":"messages","value":{"messaging_product":"whatsapp",
          "metadata":{"display_phone_number":"1555%1$s","phone_number_id":"%1$s"},
          "contacts":[{"profile":{"name":"Customer %2$s"},"wa_id":"%2$s"}],
          "messages":[{"from":"%2$s","id":"%3$s","timestamp":"%4$d","type":"text","text":{"body":"What are your opening hours?"}}]}}
        """
        .formatted(phoneNumberId, waId, wamid, System.currentTimeMillis() / 1000);
  }
}
