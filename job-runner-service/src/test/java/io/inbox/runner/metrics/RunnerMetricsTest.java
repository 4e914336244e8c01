package io.inbox.runner.metrics;

import static io.inbox.runner.CloudApiStubs.send;
import static io.inbox.runner.CloudApiStubs.sent;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What Prometheus scrapes from a runner: buckets it can add across replicas, and the ledger. */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class RunnerMetricsTest {

  @BeforeEach
  void reset() {
    Seed.clean();
    WireMockCloudApi.server().resetAll();
  }

  @Test
  void jobsProviderCallsAndRequestsAreHistogramsByOutcome() {
    Seed.job("+260777712001", "Ada", "wamid.M1", "hello");
    WireMockCloudApi.server().stubFor(send().willReturn(sent("wamid.OUT1")));
    double jobs = metric("runner_jobs_duration_seconds_count", "outcome=\"DONE\"");
    double calls =
        metric("runner_provider_calls_seconds_bucket", "outcome=\"SENT\"", "le=\"+Inf\"");

    given()
        .header("X-Cron-Secret", "test-cron-secret")
        .get("/api/cron/run-outbound-jobs")
        .then()
        .statusCode(200);

    assertEquals(1, metric("runner_jobs_duration_seconds_count", "outcome=\"DONE\"") - jobs);
    assertEquals(
        1, metric("runner_jobs_duration_seconds_bucket", "outcome=\"DONE\"", "le=\"30.0\"") - jobs);
    assertEquals(
        1,
        metric("runner_provider_calls_seconds_bucket", "outcome=\"SENT\"", "le=\"+Inf\"") - calls);
    assertTrue(
        metric(
                "http_server_requests_seconds_bucket",
                "uri=\"/api/cron/run-outbound-jobs\"",
                "status=\"200\"",
                "le=\"30.0\"")
            >= 1);
    // Client-side percentiles are gone: they cannot be added across pods.
    assertTrue(scrape().lines().noneMatch(l -> l.contains("quantile=")), "quantile series");
  }

  @Test
  void unknownLedgerRowsAreCounted() throws Exception {
    long job = Seed.job("+260777712002", "Bo", "wamid.M2", "hello");
    Seed.await(() -> metric("runner_ledger_unknown") == 0);
    Seed.execute(
        """
        INSERT INTO "OutboundMessageLog" ("conversationId", "outboundJobId", "dedupeKey", "status", "updatedAt")
        SELECT "conversationId", "id", 'reply:' || "id", 'UNKNOWN', (now() AT TIME ZONE 'UTC')
          FROM "OutboundJob" WHERE "id" = %d
        """
            .formatted(job));

    Seed.await(() -> metric("runner_ledger_unknown") == 1);
  }

  /** The value of the first series of {@code name} with all {@code labels}; 0 when none. */
  static double metric(String name, String... labels) {
    return scrape()
        .lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> Arrays.stream(labels).allMatch(l::contains))
        // A traced job adds an exemplar (` # {trace_id=…} value time`) after the sample's value.
        .map(l -> l.contains(" # ") ? l.substring(0, l.indexOf(" # ")) : l)
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(0);
  }

  private static String scrape() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }
}
