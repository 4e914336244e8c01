package io.inbox.runner.processing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.inbox.runner.CloudApiStubs.error;
import static io.inbox.runner.CloudApiStubs.inTurn;
import static io.inbox.runner.CloudApiStubs.send;
import static io.inbox.runner.CloudApiStubs.sent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.CloudApiStubs;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.inbox.runner.queue.ClaimedJob;
import io.inbox.runner.queue.JobQueue;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue end to end: cron call, claim, orchestrate, send through the ledger, settle. */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class OutboundJobsTest {

  @Inject JobQueue queue;
  @Inject JobProcessor processor;
  @Inject io.vertx.mutiny.sqlclient.Pool pool;
  @Inject io.inbox.runner.outbound.ProviderThrottle throttle;

  WireMockServer api;

  @BeforeEach
  void reset() {
    Seed.clean();
    api = WireMockCloudApi.server();
    api.resetAll();
  }

  static io.restassured.response.ValidatableResponse cron() {
    return given()
        .header("X-Cron-Secret", "test-cron-secret")
        .get("/api/cron/run-outbound-jobs")
        .then()
        .statusCode(200);
  }

  @Test
  void cronAcceptsTheSecretThreeWaysAndAnswersTheRunbookJson() {
    given().get("/api/cron/run-outbound-jobs").then().statusCode(401);
    given()
        .header("X-Cron-Secret", "wrong")
        .get("/api/cron/run-outbound-jobs")
        .then()
        .statusCode(401);
    given().queryParam("token", "wrong").post("/api/cron/run-outbound-jobs").then().statusCode(401);
    given()
        .header("X-Cron-Secret", "test-cron-secret")
        .post("/api/cron/run-outbound-jobs")
        .then()
        .statusCode(200)
        .body("authMethod", org.hamcrest.Matchers.equalTo("header"));
    given()
        .header("Authorization", "Bearer test-cron-secret")
        .get("/api/cron/run-outbound-jobs")
        .then()
        .statusCode(200)
        .body("authMethod", org.hamcrest.Matchers.equalTo("bearer"));
    given()
        .queryParam("token", "test-cron-secret")
        .get("/api/cron/run-outbound-jobs")
        .then()
        .statusCode(200)
        .body("ok", org.hamcrest.Matchers.equalTo(true))
        .body("message", org.hamcrest.Matchers.equalTo("Job runner triggered"))
        .body("jobRunnerResult.ok", org.hamcrest.Matchers.equalTo(true))
        .body("jobRunnerResult.processed", org.hamcrest.Matchers.equalTo(0))
        .body("jobRunnerResult.failed", org.hamcrest.Matchers.equalTo(0))
        .body("requestId", matchesPattern("cron_\\d+_[a-z0-9]{6}"))
        .body("authMethod", org.hamcrest.Matchers.equalTo("query"))
        .body("elapsed", matchesPattern("\\d+ms"));
    given()
        .header("X-Cron-Secret", "test-cron-secret")
        .post("/api/jobs/run-outbound")
        .then()
        .statusCode(200);
  }

  @Test
  void oneJobMakesOneProviderCallAndOneSentMessageRow() {
    long jobId = Seed.job("+260777711059", "Ada", "wamid.IN1", "What are your opening hours?");
    api.stubFor(send().willReturn(sent("wamid.OUT1")));

    cron()
        .body("jobRunnerResult.processed", org.hamcrest.Matchers.equalTo(1))
        .body("jobRunnerResult.failed", org.hamcrest.Matchers.equalTo(0));

    String ledgerId = Seed.value("SELECT id FROM \"OutboundMessageLog\"");
    api.verify(
        1,
        postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH))
            .withHeader("Authorization", equalTo("Bearer test-token"))
            .withRequestBody(
                equalToJson(
                    """
                    {"messaging_product":"whatsapp","recipient_type":"individual","to":"+260777711059","type":"text",
                     "text":{"preview_url":false,"body":"Hi Ada! We are open Monday to Friday, 9:00 to 18:00."},
                     "biz_opaque_callback_data":"outbound-log:%s"}
                    """
                        .formatted(ledgerId))));
    assertEquals(
        "DONE|1",
        Seed.value("SELECT status || '|' || attempts FROM \"OutboundJob\" WHERE id = " + jobId));
    assertEquals(
        "OUTBOUND|SENT|bot|Hi Ada! We are open Monday to Friday, 9:00 to 18:00.",
        Seed.value(
            "SELECT direction || '|' || status || '|' || author || '|' || body FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.OUT1'"));
    assertEquals(
        "SENT|wamid.OUT1",
        Seed.value("SELECT status || '|' || \"providerMessageId\" FROM \"OutboundMessageLog\""));

    cron().body("jobRunnerResult.processed", org.hamcrest.Matchers.equalTo(0));
    api.verify(1, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
  }

  @Test
  void twoServerErrorsThenSuccessIsDoneAfterThreeAttempts() {
    long jobId = Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    inTurn(
        error(500, 1, "An unknown error occurred"),
        error(503, 2, "Service temporarily unavailable"),
        sent("wamid.OK"));

    cron().body("jobRunnerResult.failed", org.hamcrest.Matchers.equalTo(1));
    assertEquals(
        "QUEUED|1|PENDING",
        Seed.value(
            "SELECT j.status || '|' || j.attempts || '|' || l.status FROM \"OutboundJob\" j JOIN \"OutboundMessageLog\" l ON l.\"outboundJobId\" = j.id"));
    assertBackoffAfterFirstAttempt();
    Seed.makeDue();
    cron();
    Seed.makeDue();
    cron();

    assertEquals(
        "DONE|3",
        Seed.value("SELECT status || '|' || attempts FROM \"OutboundJob\" WHERE id = " + jobId));
    api.verify(3, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
    assertEquals(1, Seed.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'"));
  }

  @Test
  void invalidRecipientFailsAtOnceAndTellsOperators() {
    long jobId = Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(error(400, 100, "Invalid parameter")));

    cron().body("jobRunnerResult.failed", org.hamcrest.Matchers.equalTo(1));

    assertEquals(
        "FAILED|1",
        Seed.value("SELECT status || '|' || attempts FROM \"OutboundJob\" WHERE id = " + jobId));
    assertTrue(
        Seed.value("SELECT \"lastError\" FROM \"OutboundJob\"")
            .contains("HTTP 400 code 100: Invalid parameter"));
    assertEquals("FAILED", Seed.value("SELECT status FROM \"OutboundMessageLog\""));
    assertEquals(1, Seed.count("SELECT count(*) FROM \"Notification\" WHERE type = 'JOB_FAILED'"));
    Seed.makeDue();
    cron();
    api.verify(1, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
  }

  @Test
  void throttlingPausesAllSendsIsRetriedAndPairLimitDoesNotCountAsAnAttempt() throws Exception {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    inTurn(
        error(429, 130429, "Rate limit hit"),
        error(400, 131056, "Pair rate limit hit"),
        sent("wamid.OK"));

    cron();
    assertEquals("QUEUED|1", Seed.value("SELECT status || '|' || attempts FROM \"OutboundJob\""));
    assertBackoffAfterFirstAttempt();
    // Meta said stop: nothing is sent by anyone until the pause is over, even a due job.
    Seed.makeDue();
    cron().body("jobRunnerResult.processed", org.hamcrest.Matchers.equalTo(0));
    api.verify(1, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
    // The pause is Backoff.after(1): at most 2.4 s.
    Seed.await(Duration.ofSeconds(5), () -> throttle.remaining().isZero());
    cron();
    // The pair limit gives the attempt back and waits exactly 6 s by the database's clock: the
    // RETRY statement writes runAt = now() + 6 s and updatedAt = now() with the same now().
    assertEquals("QUEUED|1", Seed.value("SELECT status || '|' || attempts FROM \"OutboundJob\""));
    assertEquals(
        "6.000",
        Seed.value(
            "SELECT to_char(extract(epoch FROM \"runAt\" - \"updatedAt\"), 'FM990.000') FROM \"OutboundJob\""));
    assertEquals(
        1,
        Seed.count(
            "SELECT count(*) FROM \"OutboundJob\" WHERE \"updatedAt\" <= (now() AT TIME ZONE 'UTC') AND \"runAt\" > (now() AT TIME ZONE 'UTC')"));
    Seed.makeDue();
    cron();
    assertEquals("DONE|2", Seed.value("SELECT status || '|' || attempts FROM \"OutboundJob\""));
    api.verify(3, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
  }

  /**
   * After a failed first attempt the job waits Backoff.after(1): 2 s ± 20 %, counted from the
   * database's now() of the statement that put it back (the same now() wrote updatedAt), so no wall
   * clock is involved.
   */
  private static void assertBackoffAfterFirstAttempt() {
    assertEquals(
        1,
        Seed.count(
            "SELECT count(*) FROM \"OutboundJob\" WHERE \"runAt\" - \"updatedAt\" BETWEEN interval '1.6 seconds' AND interval '2.4 seconds' AND \"updatedAt\" <= (now() AT TIME ZONE 'UTC')"),
        () ->
            "runAt - updatedAt = "
                + Seed.value("SELECT (\"runAt\" - \"updatedAt\")::text FROM \"OutboundJob\""));
  }

  @Test
  void closedCustomerServiceWindowFailsWithAReengagementNotification() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(error(400, 131047, "Re-engagement message")));
    cron();
    assertEquals("FAILED", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertEquals(
        1,
        Seed.count("SELECT count(*) FROM \"Notification\" WHERE type = 'REENGAGEMENT_REQUIRED'"));
  }

  @Test
  void lostAnswerIsNeverResentBlindlyAndTheStatusWebhookClosesIt() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(sent("wamid.SLOW").withFixedDelay(3_000)));

    cron();
    assertEquals("UNKNOWN", Seed.value("SELECT status FROM \"OutboundMessageLog\""));
    assertEquals("QUEUED|0", Seed.value("SELECT status || '|' || attempts FROM \"OutboundJob\""));
    cron().body("jobRunnerResult.processed", org.hamcrest.Matchers.equalTo(0));

    // The job comes due again before Meta's status arrived: it waits, it does not resend.
    Seed.makeDue();
    cron();
    assertEquals("QUEUED", Seed.value("SELECT status FROM \"OutboundJob\""));
    api.verify(1, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));

    // webhook-service applies Meta's status carrying our callback data.
    Seed.execute(
        "UPDATE \"OutboundMessageLog\" SET status = 'SENT', \"providerMessageId\" = 'wamid.SLOW'");
    Seed.makeDue();
    cron();
    assertEquals("DONE", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertEquals(
        1,
        Seed.count(
            "SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.SLOW' AND status = 'SENT'"));
    api.verify(1, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
  }

  @Test
  void unknownSendWithoutAStatusIsResentOnlyAfterTheReconciliationTimeout() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(sent("wamid.SLOW").withFixedDelay(3_000)));
    cron();
    api.resetAll();
    api.stubFor(send().willReturn(sent("wamid.AGAIN")));

    Seed.execute(
        "UPDATE \"OutboundMessageLog\" SET \"lastAttemptAt\" = \"lastAttemptAt\" - interval '11 minutes'");
    Seed.makeDue();
    cron();

    assertEquals("DONE", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertEquals(
        "SENT|wamid.AGAIN|2",
        Seed.value(
            "SELECT status || '|' || \"providerMessageId\" || '|' || attempts FROM \"OutboundMessageLog\""));
    api.verify(1, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
  }

  @Test
  void answerFollowedByAKilledCommitIsNotResent() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(sent("wamid.X")));
    // A worker reserved and started the send, the provider answered, and the process died before
    // its commit: the ledger row is SENDING and its job's lease has expired.
    Seed.execute(
        """
        UPDATE "OutboundJob" SET status = 'RUNNING', "lockedAt" = (now() AT TIME ZONE 'UTC') - interval '5 minutes',
               "lockedBy" = 'killed-worker', attempts = 1, "leaseEpoch" = 1;
        INSERT INTO "OutboundMessageLog" ("conversationId", "outboundJobId", "dedupeKey", status, recipient, body,
                                          attempts, "lastAttemptAt")
        SELECT "conversationId", id, encode(sha256(convert_to("inboundProviderMessageId" || ':0', 'UTF8')), 'hex'),
               'SENDING', '+260777711059', 'hi', 1, (now() AT TIME ZONE 'UTC') - interval '5 minutes'
          FROM "OutboundJob";
        """);

    cron().body("jobRunnerResult.processed", org.hamcrest.Matchers.equalTo(1));

    api.verify(0, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
    assertEquals(
        "QUEUED|2", Seed.value("SELECT status || '|' || \"leaseEpoch\" FROM \"OutboundJob\""));
    assertEquals("SENDING", Seed.value("SELECT status FROM \"OutboundMessageLog\""));
  }

  @Test
  void stuckRunningJobIsRescuedWithANewLeaseEpoch() {
    long jobId = Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    Seed.execute(
        "UPDATE \"OutboundJob\" SET status = 'RUNNING', \"lockedBy\" = 'dead-worker', attempts = 1, \"leaseEpoch\" = 7,"
            + " \"lockedAt\" = (now() AT TIME ZONE 'UTC') - interval '2 minutes'");
    api.stubFor(send().willReturn(sent("wamid.R")));

    cron().body("jobRunnerResult.processed", org.hamcrest.Matchers.equalTo(1));

    assertEquals(
        "DONE|8|2",
        Seed.value(
            "SELECT status || '|' || \"leaseEpoch\" || '|' || attempts FROM \"OutboundJob\" WHERE id = "
                + jobId));
    api.verify(1, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
  }

  @Test
  void aWorkerThatLostItsLeaseSendsNothingAndWritesNothing() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(sent("wamid.L")));
    List<ClaimedJob> claimed = queue.claim(1).await().atMost(Duration.ofSeconds(5));
    // Another worker rescued it meanwhile.
    Seed.execute(
        "UPDATE \"OutboundJob\" SET \"leaseEpoch\" = \"leaseEpoch\" + 1, \"lockedBy\" = 'other'");

    JobProcessor.Result result =
        processor.process(claimed.get(0)).await().atMost(Duration.ofSeconds(10));

    assertEquals(JobProcessor.Result.LEASE_LOST, result);
    api.verify(0, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
    assertEquals(
        "RUNNING|other", Seed.value("SELECT status || '|' || \"lockedBy\" FROM \"OutboundJob\""));
    assertEquals(false, queue.complete(pool, claimed.get(0)).await().atMost(Duration.ofSeconds(5)));
    assertEquals("RUNNING", Seed.value("SELECT status FROM \"OutboundJob\""));
  }

  @Test
  void handoverRepliesOnceThenLeavesTheConversationToAPerson() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "Can I talk to a human please?");
    api.stubFor(send().willReturn(sent("wamid.H")));
    cron();

    assertEquals(
        "HANDOVER|HUMAN|bot|true",
        Seed.value(
            "SELECT status || '|' || mode || '|' || \"modeChangedBy\" || '|' || (\"modeChangedAt\" IS NOT NULL) FROM \"Conversation\""));
    assertEquals(1, Seed.count("SELECT count(*) FROM \"Task\" WHERE status = 'OPEN'"));
    assertEquals(1, Seed.count("SELECT count(*) FROM \"Notification\" WHERE type = 'HANDOVER'"));
    assertTrue(
        Seed.value("SELECT body FROM \"Message\" WHERE direction = 'OUTBOUND'")
            .contains("a person from our team"));

    Seed.execute(
        """
        INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId")
        SELECT id, 'INBOUND', 'hello?', 'wamid.IN2' FROM "Conversation";
        INSERT INTO "OutboundJob" ("conversationId", "inboundProviderMessageId") SELECT id, 'wamid.IN2' FROM "Conversation";
        """);
    cron();
    assertEquals(2, Seed.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'"));
    api.verify(1, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
    assertEquals(1, Seed.count("SELECT count(*) FROM \"Notification\" WHERE type = 'NEW_MESSAGE'"));
  }

  @Test
  void notifyWakesTheRunnerWithoutAnyCronCall() throws Exception {
    api.stubFor(send().willReturn(sent("wamid.W")));
    long jobId = Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    Seed.execute("SELECT pg_notify('inbox_outbound_job', '" + jobId + "')");

    Seed.await(() -> "DONE".equals(Seed.value("SELECT status FROM \"OutboundJob\"")));
    assertEquals("DONE", Seed.value("SELECT status FROM \"OutboundJob\""));
    api.verify(1, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
  }

  @Test
  void metricsShowQueueDepthAndTheOldestDueJob() throws Exception {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    Seed.execute(
        "UPDATE \"OutboundJob\" SET \"runAt\" = (now() AT TIME ZONE 'UTC') - interval '2 minutes'");
    // Gauges refresh every second in tests: wait for a reading taken after the update.
    // The exposition order of the two gauges is not fixed: match each on its own.
    String oldest = "(?s).*runner_queue_oldest_due_seconds 1[2-9][0-9]\\.0.*";
    String[] metrics = {""};
    Seed.await(
        () -> (metrics[0] = given().get("/q/metrics").then().extract().asString()).matches(oldest));
    assertTrue(metrics[0].contains("runner_queue_due 1.0"), metrics[0]);
  }

  @Test
  void oneNotifyDrainsABurstThroughThePipelineSendingEachJobOnce() throws Exception {
    api.stubFor(
        send()
            .willReturn(
                sent("wamid.p-{{randomValue length=12 type='ALPHANUMERIC'}}")
                    .withTransformers("response-template")
                    .withFixedDelay(20)));
    Seed.execute(
        """
        INSERT INTO "Contact" ("phone", "name") SELECT '+2608' || lpad(g::text, 8, '0'), 'P' || g FROM generate_series(1, 300) g;
        INSERT INTO "Conversation" ("contactId") SELECT id FROM "Contact";
        INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId")
        SELECT id, 'INBOUND', 'hello', 'wamid.burst.' || id FROM "Conversation";
        INSERT INTO "OutboundJob" ("conversationId", "inboundMessageId", "inboundProviderMessageId")
        SELECT "conversationId", id, "providerMessageId" FROM "Message";
        SELECT pg_notify('inbox_outbound_job', '0');
        """);

    Seed.await(
        Duration.ofSeconds(60),
        () -> Seed.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'") == 300);
    assertEquals(
        300,
        Seed.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE' AND attempts = 1"));
    assertEquals(300, api.findAll(postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH))).size());
    assertEquals(
        300,
        Seed.count(
            "SELECT count(DISTINCT \"conversationId\") FROM \"Message\" WHERE direction = 'OUTBOUND'"));
  }

  @Test
  void fiveHundredJobsWithFourConcurrentRunnersAreEachSentExactlyOnce() throws Exception {
    Seed.execute(
        """
        INSERT INTO "Contact" ("phone", "name") SELECT '+2607' || lpad(g::text, 8, '0'), 'C' || g FROM generate_series(1, 500) g;
        INSERT INTO "Conversation" ("contactId") SELECT id FROM "Contact";
        INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId")
        SELECT id, 'INBOUND', 'hello', 'wamid.bulk.' || id FROM "Conversation";
        INSERT INTO "OutboundJob" ("conversationId", "inboundMessageId", "inboundProviderMessageId")
        SELECT "conversationId", id, "providerMessageId" FROM "Message";
        """);
    api.stubFor(
        send()
            .willReturn(
                sent("wamid.bulk-out-{{randomValue length=12 type='ALPHANUMERIC'}}")
                    .withTransformers("response-template")));

    Thread[] runners = new Thread[4];
    for (int i = 0; i < runners.length; i++) {
      runners[i] =
          new Thread(
              () -> {
                for (int round = 0; round < 200; round++) {
                  int processed = cron().extract().path("jobRunnerResult.processed");
                  if (processed == 0
                      && Seed.count("SELECT count(*) FROM \"OutboundJob\" WHERE status <> 'DONE'")
                          == 0) {
                    return;
                  }
                }
              });
      runners[i].start();
    }
    for (Thread runner : runners) {
      runner.join(120_000);
    }

    assertEquals(
        500,
        Seed.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE' AND attempts = 1"));
    var requests = api.findAll(postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
    assertEquals(500, requests.size());
    Set<String> pairs = new HashSet<>();
    for (var request : requests) {
      var body =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(request.getBodyAsString());
      pairs.add(body.path("to").asText() + "|" + body.path("biz_opaque_callback_data").asText());
    }
    assertEquals(500, pairs.size());
    assertEquals(
        500,
        Seed.count(
            "SELECT count(DISTINCT \"conversationId\") FROM \"Message\" WHERE direction = 'OUTBOUND'"));
  }
}
