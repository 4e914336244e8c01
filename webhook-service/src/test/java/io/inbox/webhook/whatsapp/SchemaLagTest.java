package io.inbox.webhook.whatsapp;

import static io.inbox.webhook.whatsapp.WebhookBodies.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The database lags the code (the runbook's P2022): clear 500s and readiness DOWN, never a stack
 * trace.
 */
@QuarkusTest
@TestProfile(SchemaLagTest.LaggingDatabase.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = {
      @ResourceArg(name = "database", value = SchemaLagTest.DB),
      @ResourceArg(
          name = "afterMigrate",
          value = "ALTER TABLE \"Conversation\" DROP COLUMN \"deletedAt\"")
    })
class SchemaLagTest {

  static final String DB = "inbox_webhook_lag";

  /** Its own profile, so the lagging database gets its own application start. */
  public static class LaggingDatabase implements QuarkusTestProfile {}

  @Test
  void messageAnswers500WithTheRunbookErrorAndReadinessIsDown() {
    post(WebhookBodies.text("260777711059", "Ada", "wamid.LAG", "Hi"))
        .statusCode(500)
        .body("error", equalTo("DB migrations not applied. Run: schema-guard migrate"));
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("status", equalTo("DOWN"))
        .body(
            "checks.find { it.name == 'Database schema' }.data.'Conversation.deletedAt'",
            equalTo("MISSING"));
    given().get("/q/health/live").then().statusCode(200);
    // The event is kept with the error, committed; the contact upserted before the missing column
    // was hit is rolled back with the rest of processing.
    assertEquals(
        1,
        TestDatabase.count(
            DB,
            "SELECT count(*) FROM \"WebhookEvent\" WHERE payload IS NOT NULL"
                + " AND error LIKE 'Processing failed: %deletedAt%'"));
    assertEquals(0, TestDatabase.count(DB, "SELECT count(*) FROM \"Contact\""));
  }
}
