package io.inbox.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.inbox.domain.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The product as an operator runs it, for one scenario: a database of its own, the packaged guard
 * and services as processes configured only by environment variables, and a WireMock server on
 * loopback standing in for Meta's Cloud API. Services can be killed and started again. Public for
 * browser-tests, which drives the same packaged stack through Chromium (this module's test-jar).
 */
public final class Stack implements AutoCloseable {

  static final String APP_SECRET = "reliability-app-secret";
  static final String CRON_SECRET = "reliability-cron";
  public static final String ADMIN_TOKEN = "reliability-admin";
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * A running service process: {@code port} serves its API, {@code managementPort} its {@code /q/*}
   * (health, metrics, OpenAPI), as in production.
   */
  public record Service(String module, int port, int managementPort, Process process) {
    /** SIGKILL: no shutdown hook, no drain, as a node failure or the OOM killer would. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  final String database;
  final WireMockServer meta;
  private final List<Service> services = new ArrayList<>();
  private final Path logs;

  private Stack(String database) throws IOException {
    this.database = database;
    this.logs = Files.createDirectories(Path.of("target/reliability", database));
    TestDatabase.create(database);
    meta = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    meta.start();
    answerMeta(sentAnswer());
  }

  /**
   * Meta's success answer, one wamid per ledger row: a resend of the same reply gets the same id,
   * and the journal shows the duplicate call.
   */
  static ResponseDefinitionBuilder sentAnswer() {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"messages\":[{\"id\":\"wamid.out.{{jsonPath request.body '$.biz_opaque_callback_data'}}\"}]}")
        .withTransformers("response-template");
  }

  /** A fresh database migrated by the packaged guard. */
  public static Stack migrated(String database) throws Exception {
    Stack stack = new Stack(database);
    stack.guard("migrate");
    return stack;
  }

  /** A fresh database holding the earlier system's schema, before any migration. */
  static Stack legacy(String database) throws Exception {
    Stack stack = new Stack(database);
    TestDatabase.execute(
        database,
        Files.readString(Path.of("../schema-guard/src/test/resources/legacy-schema.sql")));
    return stack;
  }

  void answerMeta(ResponseDefinitionBuilder answer) {
    meta.resetMappings();
    meta.stubFor(post(urlPathMatching("/v21.0/.*/messages")).willReturn(answer));
  }

  String databaseUrl() {
    return TestDatabase.databaseUrl(database);
  }

  /** Runs the packaged guard with one command; returns its exit code. */
  int guard(String command) throws Exception {
    Process guard =
        start("schema-guard", Map.of(), logs.resolve("guard-" + command + ".log"), command);
    assertTrue(guard.waitFor(120, TimeUnit.SECONDS), "schema-guard " + command + " hung");
    return guard.exitValue();
  }

  public Service webhook(String... env) throws Exception {
    return service(
        "webhook-service",
        with(env, "WHATSAPP_APP_SECRET", APP_SECRET, "WHATSAPP_VERIFY_TOKEN", "verify"));
  }

  public Service runner(String... env) throws Exception {
    return service(
        "job-runner-service",
        with(
            env,
            "CRON_SECRET",
            CRON_SECRET,
            "WHATSAPP_API_BASE_URL",
            "http://127.0.0.1:" + meta.port(),
            "WHATSAPP_TOKEN",
            "reliability-token",
            "WHATSAPP_PHONE_NUMBER_ID",
            "555"));
  }

  public Service admin(String... env) throws Exception {
    return service("admin-service", with(env, "ADMIN_API_TOKEN", ADMIN_TOKEN));
  }

  /**
   * Starts a service and waits until it is live (ready is up to the scenario). Its public port must
   * not answer {@code /q/*}: that is the management port's alone.
   */
  Service service(String module, Map<String, String> env) throws Exception {
    int port = freePort();
    int managementPort = freePort();
    while (managementPort == port) {
      managementPort = freePort();
    }
    Map<String, String> all = new HashMap<>(env);
    all.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    all.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
    Path log = logs.resolve(module + "-" + port + ".log");
    Service service = new Service(module, port, managementPort, start(module, all, log));
    services.add(service);
    awaitTrue(
        () -> status(get(service, "/q/health/live")) == 200,
        Duration.ofSeconds(60),
        module + " live (see " + log + ")");
    assertEquals(
        404,
        status(send(service.port(), "GET", "/q/health/live", Map.of(), null)),
        module + " answers /q/health on its public port");
    return service;
  }

  /** The service's console output (JSON lines: the services run in prod mode). */
  Path logOf(Service service) {
    return logs.resolve(service.module() + "-" + service.port() + ".log");
  }

  public void awaitReady(Service service, Duration within) throws InterruptedException {
    awaitTrue(
        () -> status(get(service, "/q/health/ready")) == 200, within, service.module() + " ready");
  }

  public HttpResponse<String> postWebhook(Service webhook, String body) {
    return send(
        webhook,
        "POST",
        "/api/webhooks/whatsapp",
        Map.of("X-Hub-Signature-256", sign(body), "Content-Type", "application/json"),
        body);
  }

  static String sign(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(Service service, String path) {
    return send(service, "GET", path, Map.of(), null);
  }

  /**
   * Null when the service did not answer at all (refused, reset, timed out). {@code /q/*} goes to
   * the management port, everything else to the public one.
   */
  static HttpResponse<String> send(
      Service service, String method, String path, Map<String, String> headers, String body) {
    int port = path.startsWith("/q/") ? service.managementPort() : service.port();
    return send(port, method, path, headers, body);
  }

  private static HttpResponse<String> send(
      int port, String method, String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
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

  static int status(HttpResponse<String> response) {
    return response == null ? -1 : response.statusCode();
  }

  static void awaitTrue(BooleanSupplier condition, Duration within, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out after " + within.toSeconds() + " s waiting for: " + what);
  }

  /** When each DONE job finished (epoch millis), by the id of its ledger row. */
  Map<String, Long> jobDoneAtByLedgerId() {
    return pairs(
        "SELECT l.id, CAST(EXTRACT(EPOCH FROM j.\"updatedAt\") * 1000 AS bigint)"
            + " FROM \"OutboundMessageLog\" l JOIN \"OutboundJob\" j ON j.id = l.\"outboundJobId\""
            + " WHERE j.status = 'DONE'");
  }

  /** Waits until {@code jobs} jobs have ended, DONE or FAILED. */
  void awaitSettled(long jobs, Duration within, String what) throws InterruptedException {
    awaitTrue(
        () ->
            count("SELECT count(*) FROM \"OutboundJob\" WHERE status IN ('DONE', 'FAILED')")
                == jobs,
        within,
        what);
  }

  public void execute(String sql) {
    TestDatabase.execute(database, sql);
  }

  public long count(String sql) {
    return TestDatabase.count(database, sql);
  }

  /** A query's first column of its first row, as text; null when there is no row. */
  public String value(String sql) {
    return TestDatabase.value(database, sql);
  }

  /** A query's first column (as text) mapped to its second (a number), e.g. id to a timestamp. */
  Map<String, Long> pairs(String sql) {
    Map<String, Long> pairs = new HashMap<>();
    try (Connection c = TestDatabase.connect(database);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        pairs.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    return pairs;
  }

  /** Every service is stopped, every stub closed, even when the scenario failed. */
  @Override
  public void close() {
    services.forEach(s -> s.process().destroyForcibly());
    meta.stop();
  }

  private Process start(String module, Map<String, String> env, Path log, String... args)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of("java", "-jar", "../" + module + "/target/quarkus-app/quarkus-run.jar"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().remove("DIRECT_URL");
    builder.environment().put("DATABASE_URL", databaseUrl());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static Map<String, String> with(String[] extra, String... defaults) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < defaults.length; i += 2) {
      env.put(defaults[i], defaults[i + 1]);
    }
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
