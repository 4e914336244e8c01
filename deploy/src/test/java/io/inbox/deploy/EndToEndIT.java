package io.inbox.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.inbox.domain.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product as an operator runs it: the packaged guard migrates a fresh database, the three
 * services start as separate processes configured only by environment variables, and a WireMock
 * server on loopback stands in for Meta's Cloud API.
 */
class EndToEndIT {

  private static final String DB = "inbox_e2e";
  private static final String SECRET = "e2e-app-secret";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Process> SERVICES = new ArrayList<>();
  private static WireMockServer meta;
  private static int webhook;
  private static int runner;
  private static int admin;

  @BeforeAll
  static void startTheStack() throws Exception {
    TestDatabase.create(DB);
    Map<String, String> env = Map.of("DATABASE_URL", TestDatabase.databaseUrl(DB));
    Process guard = start("schema-guard", env, Path.of("target/e2e-guard.log"), "migrate");
    assertTrue(guard.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, guard.exitValue(), "schema-guard migrate failed: see target/e2e-guard.log");

    meta = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    meta.start();
    meta.stubFor(
        post(urlPathMatching("/v21.0/.*/messages"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"messages\":[{\"id\":\"wamid.e2e.out\"}]}")));

    webhook = freePort();
    runner = freePort();
    admin = freePort();
    SERVICES.add(
        start(
            "webhook-service",
            merge(
                env,
                "QUARKUS_HTTP_PORT",
                webhook,
                "WHATSAPP_APP_SECRET",
                SECRET,
                "WHATSAPP_VERIFY_TOKEN",
                "e2e-verify"),
            Path.of("target/e2e-webhook.log")));
    SERVICES.add(
        start(
            "job-runner-service",
            merge(
                env,
                "QUARKUS_HTTP_PORT",
                runner,
                "CRON_SECRET",
                "e2e-cron",
                "WHATSAPP_API_BASE_URL",
                "http://127.0.0.1:" + meta.port(),
                "WHATSAPP_TOKEN",
                "e2e-token",
                "WHATSAPP_PHONE_NUMBER_ID",
                "555"),
            Path.of("target/e2e-runner.log")));
    SERVICES.add(
        start(
            "admin-service",
            merge(env, "QUARKUS_HTTP_PORT", admin, "ADMIN_API_TOKEN", "e2e-admin"),
            Path.of("target/e2e-admin.log")));
    for (int port : List.of(webhook, runner, admin)) {
      awaitTrue(
          () -> status(get(port, "/q/health/ready", Map.of())) == 200,
          "service on :" + port + " ready");
    }
  }

  @AfterAll
  static void stopTheStack() {
    SERVICES.forEach(Process::destroy);
    if (meta != null) {
      meta.stop();
    }
  }

  @Test
  void aSignedMessageGetsExactlyOneReplyVisibleInTheAdminApi() throws Exception {
    String body =
        """
        {"object":"whatsapp_business_account","entry":[{"id":"waba","changes":[{"field":"messages","value":{
         "messaging_product":"whatsapp","contacts":[{"profile":{"name":"Ada"},"wa_id":"260777711059"}],
         "messages":[{"from":"260777711059","id":"wamid.e2e.in","timestamp":"1767225600","type":"text",
                      "text":{"body":"What are your opening hours?"}}]}}]}]}
        """;
    assertEquals(200, status(postSigned(body)));

    awaitTrue(
        () -> meta.findAll(postRequestedFor(urlPathMatching(".*/messages"))).size() == 1,
        "one provider call");
    JsonNode detail = awaitConversationWithReply();
    assertEquals("INBOUND", detail.path("messages").path(0).path("direction").asText());
    assertEquals("OUTBOUND", detail.path("messages").path(1).path("direction").asText());
    assertEquals("SENT", detail.path("messages").path(1).path("status").asText());

    // Meta redelivers: nothing changes, nothing is sent again.
    assertEquals(200, status(postSigned(body)));
    Thread.sleep(1_000);
    assertEquals(1, meta.findAll(postRequestedFor(urlPathMatching(".*/messages"))).size());
    assertEquals(
        2,
        conversationDetail(detail.path("conversation").path("id").asLong())
            .path("messages")
            .size());

    // Soft delete hides it from the inbox.
    long id = detail.path("conversation").path("id").asLong();
    assertEquals(
        200,
        status(send(admin, "POST", "/api/admin/conversations/" + id + "/delete", adminAuth(), "")));
    assertEquals(
        0,
        JSON.readTree(get(admin, "/api/admin/conversations", adminAuth()).body())
            .path("items")
            .size());

    // The cron endpoint answers the runbook's JSON.
    HttpResponse<String> cron =
        get(runner, "/api/cron/run-outbound-jobs", Map.of("X-Cron-Secret", "e2e-cron"));
    JsonNode answer = JSON.readTree(cron.body());
    assertEquals(200, cron.statusCode());
    assertEquals("Job runner triggered", answer.path("message").asText());
    assertTrue(answer.path("jobRunnerResult").path("ok").asBoolean());
    assertEquals("header", answer.path("authMethod").asText());
    assertTrue(answer.path("requestId").asText().startsWith("cron_"));
    assertTrue(answer.path("elapsed").asText().endsWith("ms"));
  }

  private static JsonNode awaitConversationWithReply() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode list = JSON.readTree(get(admin, "/api/admin/conversations", adminAuth()).body());
      if (list.path("items").size() == 1) {
        JsonNode detail = conversationDetail(list.path("items").path(0).path("id").asLong());
        if (detail.path("messages").size() == 2) {
          return detail;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no reply visible through the admin API within 30 s");
  }

  private static JsonNode conversationDetail(long id) throws Exception {
    return JSON.readTree(get(admin, "/api/admin/conversations/" + id, adminAuth()).body());
  }

  private static Map<String, String> adminAuth() {
    return Map.of("Authorization", "Bearer e2e-admin");
  }

  private static HttpResponse<String> postSigned(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature =
        "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    return send(
        webhook,
        "POST",
        "/api/webhooks/whatsapp",
        Map.of("X-Hub-Signature-256", signature, "Content-Type", "application/json"),
        body);
  }

  private static HttpResponse<String> get(int port, String path, Map<String, String> headers) {
    return send(port, "GET", path, headers, null);
  }

  private static HttpResponse<String> send(
      int port, String method, String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static int status(HttpResponse<String> response) {
    return response == null ? -1 : response.statusCode();
  }

  private static void awaitTrue(Supplier<Boolean> condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for: " + what);
  }

  private static Process start(String module, Map<String, String> env, Path log, String... args)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of("java", "-jar", "../" + module + "/target/quarkus-app/quarkus-run.jar"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("DIRECT_URL");
    builder.environment().putAll(env);
    return builder.start();
  }

  private static Map<String, String> merge(Map<String, String> base, Object... pairs) {
    Map<String, String> merged = new java.util.HashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) {
      merged.put((String) pairs[i], String.valueOf(pairs[i + 1]));
    }
    return merged;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
