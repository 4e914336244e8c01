package io.inbox.webhook.replay;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.AdminOpenApi;
import io.inbox.domain.testing.AdminOpenApi.Op;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * /q/openapi documents the admin replay endpoints with their answers (401, 500 and 400 with
 * X-Admin-User from AdminApiDocs; the table below for the rest); an endpoint missing from the table
 * fails the test, and the shared answers are asked of the running service.
 */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = WebhookEventReplayTest.DB))
class OpenApiTest {

  static final Map<String, Set<String>> ANSWERS =
      Map.of(
          "POST /api/admin/webhook-events/{id}/replay", Set.of("200", "400", "404"),
          "POST /api/admin/webhook-events/replay", Set.of("200", "400"));

  @SuppressWarnings("unchecked")
  static Map<String, Object> document() {
    return given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .extract()
        .as(Map.class);
  }

  @Test
  void everyAdminOperationIsDocumentedWithItsAnswers() {
    assertEquals(List.of(), AdminOpenApi.problems(document(), ANSWERS));
  }

  @Test
  void theSharedAnswersAreTheServicesAnswers() {
    List<Op> ops = AdminOpenApi.operations(document());
    assertEquals(ANSWERS.size(), ops.size());
    for (Op op : ops) {
      String path = op.path().replace("{id}", "1");
      // A JSON body, so that a write's Content-Type check (415, before the filter) passes.
      given()
          .header("X-Admin-User", "ops")
          .contentType("application/json")
          .body("{}")
          .request(op.method(), path)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", "Bearer");
      given()
          .header("Authorization", "Bearer test-admin-token")
          .contentType("application/json")
          .body("{}")
          .request(op.method(), path)
          .then()
          .statusCode(400)
          .body("field", equalTo("X-Admin-User"));
    }
  }
}
