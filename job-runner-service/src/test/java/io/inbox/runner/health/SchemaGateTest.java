package io.inbox.runner.health;

import static io.inbox.runner.Seed.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.CloudApiStubs;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** While readiness is DOWN because the schema lags, the runner claims nothing. */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class SchemaGateTest {

  @AfterEach
  void restoreColumn() {
    Seed.execute(
        """
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM information_schema.columns
                      WHERE table_name = 'Conversation' AND column_name = 'deletedAt_renamed') THEN
            ALTER TABLE "Conversation" RENAME COLUMN "deletedAt_renamed" TO "deletedAt";
          END IF;
        END $$
        """);
  }

  @Test
  void noJobIsClaimedWhileTheSchemaLagsAndTheQueueDrainsWhenItCatchesUp() throws Exception {
    Seed.clean();
    WireMockCloudApi.server().resetAll();
    WireMockCloudApi.server()
        .stubFor(CloudApiStubs.send().willReturn(CloudApiStubs.sent("wamid.G")));
    // The code expects a column the database lacks (a deploy ahead of its migration).
    Seed.execute(
        "ALTER TABLE \"Conversation\" RENAME COLUMN \"deletedAt\" TO \"deletedAt_renamed\"");
    await(() -> given().get("/q/health/ready").statusCode() == 503);
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");
    Seed.execute("SELECT pg_notify('inbox_outbound_job', '1')");

    given()
        .header("X-Cron-Secret", "test-cron-secret")
        .get("/api/cron/run-outbound-jobs")
        .then()
        .statusCode(503)
        .body("ok", equalTo(false))
        .body("error", equalTo("DB migrations not applied. Run: schema-guard migrate"));
    assertEquals("QUEUED|0", Seed.value("SELECT status || '|' || attempts FROM \"OutboundJob\""));

    // The migration lands: the runner resumes by itself, no restart, no cron call.
    restoreColumn();
    await(() -> "DONE".equals(Seed.value("SELECT status FROM \"OutboundJob\"")));
    assertEquals("1", Seed.value("SELECT attempts FROM \"OutboundJob\""));
  }
}
