package io.inbox.admin.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.admin.AdminDb;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The admin API's request timer publishes the fixed buckets every service shares, so Prometheus can
 * add them over replicas (a percentile computed in each pod cannot be).
 */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class LatencyBucketsTest {

  @Test
  void requestTimesArePublishedInTheSharedBuckets() {
    // Quarkus times the application's endpoints, not /q/*: an unauthorised call is one.
    given().get("/api/admin/conversations").then().statusCode(401);

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

    assertTrue(
        metrics
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("http_server_requests_seconds_bucket")
                        && l.contains("le=\"0.005\"")),
        "no 5 ms bucket among the request timer's series");
    assertTrue(metrics.lines().anyMatch(l -> l.contains("le=\"30.0\"")), "no 30 s bucket either");
  }
}
