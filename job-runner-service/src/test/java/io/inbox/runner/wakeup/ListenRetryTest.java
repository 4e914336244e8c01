package io.inbox.runner.wakeup;

import static io.inbox.runner.Seed.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.CloudApiStubs;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * LISTEN that cannot connect at start keeps trying, and says so; readiness stays UP. A LISTEN
 * connection lost later is made again by the subscriber.
 */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(LatePostgres.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class ListenRetryTest {

  @Test
  void theListenerConnectsOnceTheDirectUrlAnswersReconnectsAfterALossAndNotifyWakesTheRunner()
      throws Exception {
    Seed.clean();
    WireMockCloudApi.server().resetAll();
    WireMockCloudApi.server()
        .stubFor(CloudApiStubs.send().willReturn(CloudApiStubs.sent("wamid.L")));

    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body(
            "checks.find { it.name == 'Database schema' }.data.wakeUp",
            startsWith("cannot LISTEN"));
    LatePostgres.open();
    await(
        () ->
            "listening"
                .equals(
                    given()
                        .get("/q/health/ready")
                        .then()
                        .extract()
                        .path("checks.find { it.name == 'Database schema' }.data.wakeUp")));

    // The poll is off in tests: only the NOTIFY can start this job.
    long jobId = Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    Seed.execute("SELECT pg_notify('inbox_outbound_job', '" + jobId + "')");
    await(() -> "DONE".equals(Seed.value("SELECT status FROM \"OutboundJob\"")));
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

    String lost = listenBackend();
    Seed.execute("SELECT pg_terminate_backend(" + lost + ")");
    await(() -> !listenBackend().isEmpty() && !lost.equals(listenBackend()));
    long second = Seed.job("+260777711060", "Bo", "wamid.IN2", "hello again");
    Seed.execute("SELECT pg_notify('inbox_outbound_job', '" + second + "')");
    await(
        () -> "DONE".equals(Seed.value("SELECT status FROM \"OutboundJob\" WHERE id = " + second)));
  }

  /** The pid of the runner's LISTEN session, or "" while there is none. */
  private static String listenBackend() {
    String pid =
        Seed.value(
            "SELECT max(pid)::text FROM pg_stat_activity WHERE query LIKE 'LISTEN%inbox_outbound_job%'");
    return pid == null ? "" : pid;
  }
}
