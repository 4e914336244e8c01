package io.inbox.admin;

import static io.inbox.admin.AdminDb.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The runbook's P2022: the inbox on a database that lacks Conversation.deletedAt. */
@QuarkusTest
@TestProfile(SchemaLagTest.LaggingDatabase.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = {
      @ResourceArg(name = "database", value = "inbox_admin_lag"),
      @ResourceArg(
          name = "afterMigrate",
          value = "ALTER TABLE \"Conversation\" DROP COLUMN \"deletedAt\"")
    })
class SchemaLagTest {

  /** Its own profile, so the lagging database gets its own application start. */
  public static class LaggingDatabase implements QuarkusTestProfile {}

  @Test
  void inboxAnswers500WithTheRunbookMessageAndReadinessIsDown() {
    admin()
        .get("/api/admin/conversations")
        .then()
        .statusCode(500)
        .body("error", equalTo("DB migrations not applied. Run: schema-guard migrate"));
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body(
            "checks.find { it.name == 'Database schema' }.data.'Conversation.deletedAt'",
            equalTo("MISSING"));
    admin().get("/api/admin/schema").then().statusCode(200).body("passed", equalTo(false));
  }
}
