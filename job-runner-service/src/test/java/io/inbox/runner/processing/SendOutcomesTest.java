package io.inbox.runner.processing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.inbox.runner.CloudApiStubs.send;
import static io.inbox.runner.CloudApiStubs.sent;
import static io.inbox.runner.Seed.await;
import static io.inbox.runner.processing.OutboundJobsTest.cron;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.CloudApiStubs;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What happens to a reply when the provider's answer is lost, ambiguous or cannot be recorded:
 * never a second send beyond the stated bound, never a lost provider id.
 */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class SendOutcomesTest {

  WireMockServer api;

  @BeforeEach
  void reset() {
    Seed.clean();
    api = WireMockCloudApi.server();
    api.resetAll();
  }

  @AfterEach
  void removeInjectedFaults() {
    Seed.execute(
        "DROP TRIGGER IF EXISTS fail_outbound_insert ON \"Message\";"
            + " DROP FUNCTION IF EXISTS fail_outbound_insert(); DROP SEQUENCE IF EXISTS injected_failures");
  }

  private int providerCalls() {
    return api.findAll(postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH))).size();
  }

  /** As if the reconcile window (10 min) had passed since the last send. */
  private static void reconcileWindowPasses() {
    Seed.execute(
        "UPDATE \"OutboundMessageLog\" SET \"lastAttemptAt\" = \"lastAttemptAt\" - interval '11 minutes'");
    Seed.makeDue();
  }

  @Test
  void anEdgeAnswering502WithoutMetasJsonIsALostAnswerNotASafeResend() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(
        send()
            .willReturn(
                aResponse()
                    .withStatus(502)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

    cron();

    assertEquals("UNKNOWN", Seed.value("SELECT status FROM \"OutboundMessageLog\""));
    assertEquals("QUEUED|0", Seed.value("SELECT status || '|' || attempts FROM \"OutboundJob\""));
    assertTrue(
        Seed.value("SELECT \"lastError\" FROM \"OutboundJob\"").contains("HTTP 502: <html>"),
        Seed.value("SELECT \"lastError\" FROM \"OutboundJob\""));
    Seed.makeDue();
    cron();
    assertEquals(1, providerCalls(), "no resend before Meta's status or the reconcile window");
  }

  @Test
  void anAnswerLostOnEverySendIsSentTwiceAtMostThenAPersonIsAsked() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(sent("wamid.LOST").withFixedDelay(3_000)));

    cron();
    assertEquals(
        "UNKNOWN|1", Seed.value("SELECT status || '|' || attempts FROM \"OutboundMessageLog\""));
    reconcileWindowPasses();
    cron();
    assertEquals(
        "UNKNOWN|2", Seed.value("SELECT status || '|' || attempts FROM \"OutboundMessageLog\""));
    reconcileWindowPasses();
    cron().body("jobRunnerResult.failed", equalTo(1));
    reconcileWindowPasses();
    cron().body("jobRunnerResult.processed", equalTo(0));

    assertEquals(2, providerCalls());
    String ledgerId = Seed.value("SELECT id FROM \"OutboundMessageLog\"");
    assertEquals("FAILED", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertEquals("UNKNOWN", Seed.value("SELECT status FROM \"OutboundMessageLog\""));
    assertEquals(
        "Reply may or may not have reached the customer (ledger id " + ledgerId + ")",
        Seed.value("SELECT title FROM \"Notification\" WHERE type = 'SEND_UNCONFIRMED'"));
    assertEquals(1, Seed.count("SELECT count(*) FROM \"Notification\""));
  }

  @Test
  void aRecordThatFailsTwiceIsRetriedWithTheProviderIdAndNothingIsResent() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(sent("wamid.KEEP")));
    injectOutboundInsertFailures(2);

    cron().body("jobRunnerResult.processed", equalTo(1)).body("jobRunnerResult.failed", equalTo(0));

    assertEquals("DONE", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertEquals(
        "SENT|wamid.KEEP",
        Seed.value("SELECT status || '|' || \"providerMessageId\" FROM \"OutboundMessageLog\""));
    assertEquals(
        1,
        Seed.count("SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.KEEP'"));
    assertEquals(1, providerCalls());
  }

  @Test
  void aRecordTheDatabaseKeepsRefusingIsNeverMarkedFailedAndIsRecordedAtTheNextClaim() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(sent("wamid.LATE")));
    injectOutboundInsertFailures(1_000);

    cron();
    assertEquals("RUNNING", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertEquals(0, Seed.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'"));

    removeInjectedFaults();
    // Its lease runs out; the next claim records the accepted send instead of sending it again.
    Seed.execute(
        "UPDATE \"OutboundJob\" SET \"lockedAt\" = (now() AT TIME ZONE 'UTC') - interval '5 minutes'");
    cron().body("jobRunnerResult.processed", equalTo(1));

    assertEquals("DONE", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertEquals(
        "OUTBOUND|SENT",
        Seed.value(
            "SELECT direction || '|' || status FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.LATE'"));
    assertEquals(1, providerCalls());
  }

  @Test
  void aStatusMetaSentBeforeTheRecordEndsOnTheMessageRow() throws Exception {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(sent("wamid.FAST").withFixedDelay(700)));
    // While the provider call is in flight, webhook-service keeps Meta's "delivered" on the row.
    whileTheSendIsInFlight("UPDATE \"OutboundMessageLog\" SET \"deliveryStatus\" = 'DELIVERED'");

    assertEquals(
        "DELIVERED",
        Seed.value("SELECT status FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.FAST'"));
    assertEquals("DONE", Seed.value("SELECT status FROM \"OutboundJob\""));
  }

  @Test
  void aFailureMetaReportedBeforeTheRecordIsNeverOverwrittenBySentAndAlertsOperators()
      throws Exception {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(sent("wamid.BAD").withFixedDelay(700)));
    whileTheSendIsInFlight(
        "UPDATE \"OutboundMessageLog\" SET status = 'FAILED', \"deliveryStatus\" = 'FAILED',"
            + " \"providerMessageId\" = 'wamid.BAD', error = '131026 Message undeliverable'");

    assertEquals(
        "FAILED|131026 Message undeliverable",
        Seed.value(
            "SELECT status || '|' || error FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.BAD'"));
    assertEquals("FAILED", Seed.value("SELECT status FROM \"OutboundMessageLog\""));
    assertEquals(
        "Reply could not be sent",
        Seed.value("SELECT title FROM \"Notification\" WHERE type = 'JOB_FAILED'"));
    assertEquals(1, providerCalls());
  }

  @Test
  void aCronCallerThatHangsUpDoesNotCancelTheBatch() throws Exception {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(sent("wamid.AFTER").withFixedDelay(1_000)));

    try (Socket socket = new Socket("127.0.0.1", io.restassured.RestAssured.port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/cron/run-outbound-jobs HTTP/1.1\r\nHost: localhost\r\n"
                  + "X-Cron-Secret: test-cron-secret\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      await(() -> providerCalls() == 1);
    } // the caller hangs up while the provider call is in flight

    await(() -> "DONE".equals(Seed.value("SELECT status FROM \"OutboundJob\"")));
    assertEquals(
        1,
        Seed.count("SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.AFTER'"));
  }

  /** Runs a cron batch and, while its provider call is in flight, {@code sql} (Meta's news). */
  private static void whileTheSendIsInFlight(String sql) throws Exception {
    Thread cronCall = new Thread(() -> cron());
    cronCall.start();
    await(
        () ->
            Seed.count("SELECT count(*) FROM \"OutboundMessageLog\" WHERE status = 'SENDING'")
                == 1);
    Seed.execute(sql);
    cronCall.join(10_000);
  }

  /** The next {@code n} inserts of an outbound Message row fail, as a flaky database would. */
  private static void injectOutboundInsertFailures(int n) {
    Seed.execute(
        """
        CREATE SEQUENCE injected_failures;
        CREATE FUNCTION fail_outbound_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.direction = 'OUTBOUND' AND nextval('injected_failures') <= %d THEN
            RAISE EXCEPTION 'injected failure';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER fail_outbound_insert BEFORE INSERT ON "Message"
          FOR EACH ROW EXECUTE FUNCTION fail_outbound_insert();
        """
            .formatted(n));
  }
}
