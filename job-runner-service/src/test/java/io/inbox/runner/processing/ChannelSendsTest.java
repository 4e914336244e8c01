package io.inbox.runner.processing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.inbox.runner.CloudApiStubs.error;
import static io.inbox.runner.CloudApiStubs.send;
import static io.inbox.runner.CloudApiStubs.sent;
import static io.inbox.runner.Seed.await;
import static io.inbox.runner.processing.OutboundJobsTest.cron;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inbox.domain.channel.ChannelResume;
import io.inbox.domain.channel.ChannelTokens;
import io.inbox.domain.queue.JobEnqueueSql;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.CloudApiStubs;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several numbers: each reply goes out from its conversation's number with that number's token;
 * outside the 24-hour window a re-engagement template or nothing; an agent's template from its
 * details; and a number whose token Meta refuses pauses, its replies waiting (never FAILED) until
 * the token is replaced or Meta accepts it again.
 */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class ChannelSendsTest {

  private static final String SALES_PATH = "/v21.0/5550001/messages";

  /**
   * Each test's channel names a token file of its own: the runner reads a token at most once a
   * second, so a file rewritten for the next test could still be read as the last one's.
   */
  private static int tokenFiles;

  private Path salesToken;

  @Inject Pool pool;

  WireMockServer api;

  @BeforeEach
  void reset() throws Exception {
    Seed.clean();
    api = WireMockCloudApi.server();
    api.resetAll();
    salesToken = Path.of("target/test-tokens/WHATSAPP_TOKEN_SALES_" + ++tokenFiles);
    Files.createDirectories(salesToken.getParent());
    Files.writeString(salesToken, "sales-token-1\n");
  }

  /** The second number, its token in a file of the Secret directory; its id. */
  private long salesChannel() {
    return Long.parseLong(
        Seed.value(
            """
            INSERT INTO "Channel" ("name", "phoneNumberId", "tokenRef", "updatedAt")
            VALUES ('sales', '5550001', '%s', (now() AT TIME ZONE 'UTC'))
            RETURNING "id"
            """
                .formatted(salesToken.getFileName())));
  }

  /** A customer's message on a number, {@code hoursAgo} since they last wrote; its QUEUED job. */
  private static long jobOn(
      Long channelId, String phone, String name, String wamid, double hoursAgo) {
    return Long.parseLong(
        Seed.value(
            """
            WITH contact AS (
              INSERT INTO "Contact" ("phone", "waId", "name") VALUES ('%1$s', ltrim('%1$s', '+'), '%2$s')
              ON CONFLICT ("phone") DO UPDATE SET "name" = EXCLUDED."name" RETURNING "id"),
            conversation AS (
              INSERT INTO "Conversation" ("contactId", "channelId", "lastInboundAt")
              SELECT "id", %4$s, (now() AT TIME ZONE 'UTC') - make_interval(secs => %5$s * 3600)
                FROM contact RETURNING "id"),
            message AS (
              INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId")
              SELECT "id", 'INBOUND', 'hello', '%3$s' FROM conversation RETURNING "id", "conversationId")
            INSERT INTO "OutboundJob" ("conversationId", "inboundMessageId", "inboundProviderMessageId")
            SELECT "conversationId", "id", '%3$s' FROM message RETURNING "id"
            """
                .formatted(phone, name, wamid, channelId == null ? "NULL" : channelId, hoursAgo)));
  }

  private static void reengagementTemplate(long channelId) {
    Seed.execute(
        """
        INSERT INTO "Template" ("channelId", "name", "language", "parameters", "reengagement", "updatedAt")
        VALUES (%d, 'reopen', 'en_US', '["contact.name"]', true, (now() AT TIME ZONE 'UTC'))
        """
            .formatted(channelId));
  }

  private static String jobStatus(long jobId) {
    return Seed.value("SELECT status FROM \"OutboundJob\" WHERE id = " + jobId);
  }

  private static long notifications(String type) {
    return Seed.count("SELECT count(*) FROM \"Notification\" WHERE type = '" + type + "'");
  }

  private static final String REOPEN_TEMPLATE =
      """
      {"messaging_product":"whatsapp","recipient_type":"individual","to":"+260777711060","type":"template",
       "template":{"name":"reopen","language":{"code":"en_US"},
                   "components":[{"type":"body","parameters":[{"type":"text","text":"Ben"}]}]}}
      """;

  @Test
  void eachReplyGoesOutFromItsConversationsNumberWithThatNumbersToken() throws Exception {
    long sales = salesChannel();
    long defaultJob = jobOn(null, "+260777711059", "Ada", "wamid.IN1", 1);
    long salesJob = jobOn(sales, "+260777711060", "Ben", "wamid.IN2", 1);
    api.stubFor(send().willReturn(sent("wamid.D")));
    api.stubFor(post(urlEqualTo(SALES_PATH)).willReturn(sent("wamid.S")));

    cron();

    assertEquals("DONE", jobStatus(defaultJob));
    assertEquals("DONE", jobStatus(salesJob));
    api.verify(
        1,
        postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH))
            .withHeader("Authorization", equalTo("Bearer test-token"))
            .withRequestBody(containing("+260777711059")));
    api.verify(
        1,
        postRequestedFor(urlEqualTo(SALES_PATH))
            .withHeader("Authorization", equalTo("Bearer sales-token-1"))
            .withRequestBody(containing("+260777711060")));
  }

  @Test
  void outsideTheWindowTheNumbersReengagementTemplateGoesOutInsteadOfText() {
    long sales = salesChannel();
    reengagementTemplate(sales);
    long job = jobOn(sales, "+260777711060", "Ben", "wamid.IN2", 24 + 1.0 / 3600);
    api.stubFor(post(urlEqualTo(SALES_PATH)).willReturn(sent("wamid.T")));

    cron();

    assertEquals("DONE", jobStatus(job));
    api.verify(
        1,
        postRequestedFor(urlEqualTo(SALES_PATH))
            .withRequestBody(equalToJson(REOPEN_TEMPLATE, true, true)));
    api.verify(
        0, postRequestedFor(urlEqualTo(SALES_PATH)).withRequestBody(containing("\"text\":{")));
    assertEquals(
        "[template reopen (en_US)]|SENT|bot",
        Seed.value(
            "SELECT body || '|' || status || '|' || author FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.T'"));
  }

  @Test
  void outsideTheWindowWithoutATemplateTheReplyIsCancelledAndOperatorsAreTold() {
    long job = jobOn(null, "+260777711059", "Ada", "wamid.IN1", 25);

    cron();

    assertEquals("CANCELLED", jobStatus(job));
    assertEquals(1, notifications("REENGAGEMENT_REQUIRED"));
    assertEquals(0, api.findAll(postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH))).size());
    assertEquals(
        "FAILED|24-hour window closed (by our clock)",
        Seed.value("SELECT status || '|' || error FROM \"OutboundMessageLog\""),
        "the text's ledger row says why it was not sent");
  }

  @Test
  void metaClosingTheWindowEarlierThanOurClockTakesTheTemplatePathOnce() {
    long sales = salesChannel();
    reengagementTemplate(sales);
    long job = jobOn(sales, "+260777711060", "Ben", "wamid.IN2", 23.99);
    api.stubFor(
        post(urlEqualTo(SALES_PATH))
            .withRequestBody(containing("\"type\":\"text\""))
            .willReturn(error(400, 131047, "Re-engagement message")));
    api.stubFor(
        post(urlEqualTo(SALES_PATH))
            .withRequestBody(containing("\"type\":\"template\""))
            .willReturn(sent("wamid.T")));

    cron();

    assertEquals("DONE", jobStatus(job));
    api.verify(2, postRequestedFor(urlEqualTo(SALES_PATH)));
    api.verify(
        1,
        postRequestedFor(urlEqualTo(SALES_PATH))
            .withRequestBody(equalToJson(REOPEN_TEMPLATE, true, true)));
    assertEquals(
        "FAILED,SENT",
        Seed.value("SELECT string_agg(status, ',' ORDER BY id) FROM \"OutboundMessageLog\""));
    Seed.makeDue();
    cron();
    api.verify(2, postRequestedFor(urlEqualTo(SALES_PATH)));
  }

  @Test
  void anAgentsTemplateGoesOutFromItsDetailsAndItsRowBecomesSent() throws Exception {
    long sales = salesChannel();
    long conversation =
        Long.parseLong(
            Seed.value(
                "SELECT \"conversationId\" FROM \"OutboundJob\" WHERE id = "
                    + jobOn(sales, "+260777711060", "Ben", "wamid.IN2", 30)));
    Seed.execute("DELETE FROM \"OutboundJob\"");
    api.stubFor(post(urlEqualTo(SALES_PATH)).willReturn(sent("wamid.AGENT-T")));

    pool.preparedQuery(JobEnqueueSql.ENQUEUE_TEMPLATE)
        .execute(
            Tuple.of(
                conversation,
                "client-t1",
                "[template reopen (en_US)]",
                "bea",
                "{\"name\":\"reopen\",\"language\":\"en_US\",\"parameters\":[\"Ben\"]}"))
        .await()
        .atMost(Duration.ofSeconds(5));

    await(() -> "DONE".equals(Seed.value("SELECT status FROM \"OutboundJob\"")));
    api.verify(
        1,
        postRequestedFor(urlEqualTo(SALES_PATH))
            .withHeader("Authorization", equalTo("Bearer sales-token-1"))
            .withRequestBody(equalToJson(REOPEN_TEMPLATE, true, true)));
    assertEquals(
        "SENT|wamid.AGENT-T|bea",
        Seed.value(
            "SELECT status || '|' || \"providerMessageId\" || '|' || author FROM \"Message\" WHERE \"clientMessageId\" = 'client-t1'"));
  }

  @Test
  void anExpiredTokenPausesTheNumberOnceAndItsRepliesGoOutWithTheReplacedToken() throws Exception {
    long sales = salesChannel();
    long[] jobs = {
      jobOn(sales, "+260777711060", "Ben", "wamid.IN2", 1),
      jobOn(sales, "+260777711061", "Cy", "wamid.IN3", 1),
      jobOn(sales, "+260777711062", "Di", "wamid.IN4", 1)
    };
    long defaultJob = jobOn(null, "+260777711059", "Ada", "wamid.IN1", 1);
    api.stubFor(send().willReturn(sent("wamid.D")));
    api.stubFor(
        post(urlEqualTo(SALES_PATH))
            .withHeader("Authorization", equalTo("Bearer sales-token-1"))
            .willReturn(error(401, 190, "Error validating access token: Session has expired")));
    api.stubFor(
        post(urlEqualTo(SALES_PATH))
            .withHeader("Authorization", equalTo("Bearer sales-token-2"))
            .willReturn(sent("wamid.S")));

    cron();

    assertEquals("DONE", jobStatus(defaultJob), "another number's replies are not held");
    assertEquals(
        "t",
        Seed.value(
            "SELECT (\"pausedAt\" IS NOT NULL)::text::char FROM \"Channel\" WHERE id = " + sales));
    assertEquals(1, notifications("CHANNEL_PAUSED"));
    for (long job : jobs) {
      assertEquals("QUEUED", jobStatus(job));
    }
    assertEquals(0, Seed.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'FAILED'"));
    String held = "SELECT count(*) FROM \"OutboundJob\" WHERE id <> " + defaultJob;
    assertEquals(0, Seed.count(held + " AND attempts > 0"), "the held jobs keep their attempts");
    given()
        .get("/q/metrics")
        .then()
        .body(containsString("runner_send_failures_total{channel=\"sales\",code=\"190\"}"))
        .body(containsString("runner_sends_total{channel=\"default\",outcome=\"SENT\"}"));

    Files.writeString(salesToken, "sales-token-2\n");

    await(() -> Seed.count(held + " AND status = 'DONE'") == 3);
    assertEquals(1, notifications("CHANNEL_RESUMED"));
    assertEquals(
        3,
        api.findAll(
                postRequestedFor(urlEqualTo(SALES_PATH))
                    .withHeader("Authorization", equalTo("Bearer sales-token-2")))
            .size());
    assertEquals(
        "SENT", Seed.value("SELECT string_agg(DISTINCT status, ',') FROM \"OutboundMessageLog\""));
  }

  @Test
  void aPausedNumbersInboundMessagesStillReachItsAgents() {
    long sales = salesChannel();
    Seed.execute(
        "UPDATE \"Channel\" SET \"pausedAt\" = now(), \"pausedReason\" = 'HTTP 401 code 190',"
            + " \"pausedTokenFingerprint\" = '"
            + ChannelTokens.fingerprint("sales-token-1")
            + "' WHERE id = "
            + sales);
    long job = jobOn(sales, "+260777711060", "Ben", "wamid.IN2", 1);
    Seed.execute("UPDATE \"Conversation\" SET mode = 'HUMAN'");

    cron();

    assertEquals("DONE", jobStatus(job));
    assertEquals(1, notifications("NEW_MESSAGE"));
    api.verify(0, postRequestedFor(urlEqualTo(SALES_PATH)));
  }

  @Test
  void aRefusedTokenResumesWhenMetaAcceptsItAgain() throws Exception {
    long sales = salesChannel();
    long job = jobOn(sales, "+260777711060", "Ben", "wamid.IN2", 1);
    api.stubFor(
        post(urlEqualTo(SALES_PATH))
            .willReturn(error(401, 190, "Error validating access token"))
            .atPriority(5));

    cron();
    assertEquals("QUEUED", jobStatus(job));
    assertEquals(1, notifications("CHANNEL_PAUSED"));
    // A probe asks Meta about the number and is refused (no GET stub: 404): still paused.
    await(() -> !api.findAll(getRequestedFor(urlPathEqualTo("/v21.0/5550001"))).isEmpty());
    assertEquals(0, notifications("CHANNEL_RESUMED"));
    assertEquals("QUEUED", jobStatus(job));

    api.stubFor(post(urlEqualTo(SALES_PATH)).willReturn(sent("wamid.S")).atPriority(1));
    api.stubFor(
        get(urlPathEqualTo("/v21.0/5550001"))
            .withHeader("Authorization", equalTo("Bearer sales-token-1"))
            .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"5550001\"}")));

    await(() -> "DONE".equals(jobStatus(job)));
    assertEquals(1, notifications("CHANNEL_RESUMED"));
  }

  /**
   * A locked account's token still reads the number while every send is refused: the probe does not
   * resume it (that would release its replies into the same refusal, again and again); a person
   * does, once it is mended.
   */
  @Test
  void aLockedAccountWaitsForAPersonNotForTheProbe() throws Exception {
    long sales = salesChannel();
    long job = jobOn(sales, "+260777711060", "Ben", "wamid.IN2", 1);
    api.stubFor(
        post(urlEqualTo(SALES_PATH))
            .willReturn(error(403, 131031, "Business account is restricted"))
            .atPriority(5));
    api.stubFor(
        get(urlPathEqualTo("/v21.0/5550001"))
            .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"5550001\"}")));

    cron();
    assertEquals(1, notifications("CHANNEL_PAUSED"));
    assertEquals(
        "131031", Seed.value("SELECT \"pausedCode\" FROM \"Channel\" WHERE id = " + sales));
    Thread.sleep(2_500); // two probes (every second in tests)
    assertEquals(0, notifications("CHANNEL_RESUMED"));
    assertEquals("QUEUED", jobStatus(job));
    assertEquals(0, api.findAll(getRequestedFor(urlPathEqualTo("/v21.0/5550001"))).size());

    api.stubFor(post(urlEqualTo(SALES_PATH)).willReturn(sent("wamid.S")).atPriority(1));
    pool.preparedQuery(ChannelResume.SQL)
        .execute(Tuple.of(sales, "Resumed by ops"))
        .await()
        .atMost(Duration.ofSeconds(5));

    await(() -> "DONE".equals(jobStatus(job)));
    assertEquals(1, notifications("CHANNEL_RESUMED"));
  }
}
