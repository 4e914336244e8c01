package io.inbox.runner.processing;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.inbox.runner.CloudApiStubs.send;
import static io.inbox.runner.CloudApiStubs.sent;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.CloudApiStubs;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A send the channel's pacing cannot admit soon enough: not sent, not an attempt, sent later. */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class PacedSendTest {

  WireMockServer api;

  @BeforeEach
  @AfterEach
  void reset() {
    Seed.clean();
    Seed.execute("DELETE FROM \"ChannelPacing\"");
    api = WireMockCloudApi.server();
    api.resetAll();
  }

  @Test
  void aBusyChannelGivesTheJobBackUnsentAndItIsSentWhenDue() {
    long jobId = Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(sent("wamid.OUT1")));
    // Other runners reserved the default channel's next 10 s (800 sends at 80 msg/s).
    Seed.execute(
        """
        INSERT INTO "ChannelPacing" ("channelId", "tokens", "refilledAt")
        SELECT "id", -800, (now() AT TIME ZONE 'UTC') FROM "Channel" WHERE "isDefault"
        """);

    cron();

    api.verify(0, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
    assertEquals(
        "QUEUED|0|PENDING|paced",
        Seed.value(
            """
            SELECT j.status || '|' || j.attempts || '|' || l.status || '|' || l.error
              FROM "OutboundJob" j JOIN "OutboundMessageLog" l ON l."outboundJobId" = j.id
            """));
    // Due when the channel has a slot again: the 801st slot, 10 s after the bucket's time.
    assertEquals(
        1,
        Seed.count(
            """
            SELECT count(*) FROM "OutboundJob" j, "ChannelPacing" p
             WHERE j."runAt" - p."refilledAt" BETWEEN interval '9.95 seconds' AND interval '10.25 seconds'
            """),
        () ->
            Seed.value(
                "SELECT (j.\"runAt\" - p.\"refilledAt\")::text FROM \"OutboundJob\" j, \"ChannelPacing\" p"));

    Seed.execute("DELETE FROM \"ChannelPacing\"");
    Seed.makeDue();
    cron();

    api.verify(1, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
    assertEquals(
        "DONE|1|SENT",
        Seed.value(
            """
            SELECT j.status || '|' || j.attempts || '|' || l.status
              FROM "OutboundJob" j JOIN "OutboundMessageLog" l ON l."outboundJobId" = j.id
             WHERE j.id = %d
            """
                .formatted(jobId)));
  }

  @Test
  void aPacingFailureSendsNothingAndLeavesTheRowSafeToResend() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    api.stubFor(send().willReturn(sent("wamid.OUT1")));
    // A channel row broken by hand (the admin API refuses a rate below 1): the bucket's statement
    // fails dividing by it, as it would on a database error.
    Seed.execute("UPDATE \"Channel\" SET \"messagesPerSecond\" = 0 WHERE \"isDefault\"");
    try {
      cron();
    } finally {
      Seed.execute("UPDATE \"Channel\" SET \"messagesPerSecond\" = 80 WHERE \"isDefault\"");
    }

    api.verify(0, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
    // An unexpected failure uses its attempt, but the row is PENDING: the retry sends at once
    // instead of waiting out the reconcile window as if the send's outcome were unknown.
    assertEquals(
        "QUEUED|1|PENDING",
        Seed.value(
            """
            SELECT j.status || '|' || j.attempts || '|' || l.status
              FROM "OutboundJob" j JOIN "OutboundMessageLog" l ON l."outboundJobId" = j.id
            """));
    Seed.makeDue();
    cron();

    api.verify(1, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
    assertEquals(
        "DONE|SENT",
        Seed.value(
            """
            SELECT j.status || '|' || l.status
              FROM "OutboundJob" j JOIN "OutboundMessageLog" l ON l."outboundJobId" = j.id
            """));
  }

  @Test
  void aRowIsGivenBackEvenWhenTheDatabaseRefusesTheFirstTries() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    // Pacing fails as the database goes away (a restart), and it refuses the next writes too: the
    // first three that give the row back fail (a sequence counts them: it survives the rollback).
    Seed.execute(
        """
        CREATE SEQUENCE settle_tries;
        CREATE FUNCTION refuse_settle() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('settle_tries') <= 3 THEN
            RAISE EXCEPTION 'the database system is shutting down';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_settle BEFORE UPDATE ON "OutboundMessageLog"
            FOR EACH ROW WHEN (NEW.status = 'PENDING') EXECUTE FUNCTION refuse_settle();
        UPDATE "Channel" SET "messagesPerSecond" = 0 WHERE "isDefault";
        """);
    try {
      cron();
    } finally {
      Seed.execute(
          """
          DROP TRIGGER refuse_settle ON "OutboundMessageLog";
          DROP FUNCTION refuse_settle();
          UPDATE "Channel" SET "messagesPerSecond" = 80 WHERE "isDefault";
          """);
    }

    String jobRowAndTries =
        Seed.value(
            """
            SELECT j.status || '|' || l.status || '|' || (SELECT last_value FROM settle_tries)
              FROM "OutboundJob" j JOIN "OutboundMessageLog" l ON l."outboundJobId" = j.id
            """);
    Seed.execute("DROP SEQUENCE settle_tries");

    // Left SENDING, the row would make the next claim wait 10 minutes for Meta's status of a
    // message that never went out.
    assertEquals("QUEUED|PENDING|4", jobRowAndTries);
  }

  private static void cron() {
    given()
        .header("X-Cron-Secret", "test-cron-secret")
        .get("/api/cron/run-outbound-jobs")
        .then()
        .statusCode(200);
  }
}
