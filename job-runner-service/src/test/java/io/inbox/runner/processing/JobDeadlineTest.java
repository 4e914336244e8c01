package io.inbox.runner.processing;

import static io.inbox.runner.CloudApiStubs.send;
import static io.inbox.runner.CloudApiStubs.sent;
import static io.inbox.runner.Seed.await;
import static io.inbox.runner.processing.OutboundJobsTest.cron;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A job that hangs (here: its record waits on a lock) is bounded by runner.job-timeout. */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class JobDeadlineTest {

  @BeforeEach
  void reset() {
    Seed.clean();
    WireMockCloudApi.server().resetAll();
  }

  @Test
  void aHungJobFreesItsSlotAtItsDeadlineAndItsWorkStillFinishes() throws Exception {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    WireMockCloudApi.server().stubFor(send().willReturn(sent("wamid.HUNG")));

    try (Connection blocker = TestDatabase.connect(Seed.DB);
        Statement st = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      // Another session holds the table: the send's record cannot insert its Message row.
      st.execute("LOCK TABLE \"Message\" IN SHARE ROW EXCLUSIVE MODE");

      // The batch answers at the job's deadline (2 × 1.5 s read timeout + 5 s), not never.
      cron()
          .body("jobRunnerResult.processed", equalTo(1))
          .body("jobRunnerResult.failed", equalTo(1));
      assertEquals("RUNNING", Seed.value("SELECT status FROM \"OutboundJob\""));
      String metrics = given().get("/q/metrics").then().extract().asString();
      assertTrue(
          metrics.matches("(?s).*runner_jobs_total\\{result=\"TIMED_OUT\"} 1\\.0.*"), metrics);
      blocker.rollback();
    }

    // Not cancelled: once the lock is gone the send is recorded and the job completes.
    await(() -> "DONE".equals(Seed.value("SELECT status FROM \"OutboundJob\"")));
    assertEquals(
        1,
        Seed.count("SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.HUNG'"));
    assertEquals(
        1,
        WireMockCloudApi.server()
            .findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
                        io.inbox.runner.CloudApiStubs.SEND_PATH)))
            .size());
  }
}
