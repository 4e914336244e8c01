package io.inbox.admin.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.admin.AdminDb;
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
 * /q/openapi documents every /api/admin endpoint with its answers: the table below is each one's
 * success and own errors (401, 500 and on writes 400 with X-Admin-User come from AdminApiDocs), and
 * an endpoint missing from it fails the test. The shared answers are then asked of the running
 * service, operation by operation.
 */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class OpenApiTest {

  private static final String C = "/api/admin/conversations";
  private static final String CH = "/api/admin/channels";

  /** Per operation: its 2xx and the errors it gives beyond 401, 500 and a write's 400. */
  static final Map<String, Set<String>> ANSWERS =
      Map.ofEntries(
          Map.entry("GET " + C, Set.of("200", "400")),
          Map.entry("GET " + C + "/{id}", Set.of("200", "400", "404")),
          Map.entry("DELETE " + C + "/{id}", Set.of("204", "400", "404", "409")),
          Map.entry("GET " + C + "/{id}/messages", Set.of("200", "400", "404")),
          Map.entry("POST " + C + "/{id}/messages", Set.of("202", "400", "404", "409", "415")),
          Map.entry("POST " + C + "/{id}/takeover", Set.of("200", "404")),
          Map.entry("POST " + C + "/{id}/release", Set.of("200", "404")),
          Map.entry("POST " + C + "/{id}/read", Set.of("200", "404")),
          Map.entry("POST " + C + "/{id}/delete", Set.of("200", "404")),
          Map.entry("POST " + C + "/{id}/restore", Set.of("200", "404")),
          Map.entry("GET " + C + "/{id}/fk-report", Set.of("200", "400")),
          Map.entry("GET /api/admin/events", Set.of("200", "400")),
          Map.entry("GET /api/admin/tasks", Set.of("200", "400")),
          Map.entry("POST /api/admin/tasks/{id}/assign", Set.of("200", "404", "415")),
          Map.entry("POST /api/admin/tasks/{id}/complete", Set.of("200", "404")),
          Map.entry("POST /api/admin/contacts/{id}/erase", Set.of("200", "404")),
          Map.entry("GET /api/admin/notifications", Set.of("200", "400")),
          Map.entry("POST /api/admin/notifications/{id}/snooze", Set.of("200", "404", "415")),
          Map.entry("POST /api/admin/notifications/{id}/read", Set.of("200", "404")),
          Map.entry("GET /api/admin/jobs", Set.of("200", "400")),
          Map.entry("POST /api/admin/jobs/{id}/retry", Set.of("200", "404", "409")),
          Map.entry("GET /api/admin/schema", Set.of("200")),
          Map.entry(
              "GET /api/admin/messages/{id}/media",
              Set.of("200", "400", "404", "413", "502", "503")),
          Map.entry("POST " + C + "/{id}/templates", Set.of("202", "400", "404", "409", "415")),
          Map.entry("GET " + CH, Set.of("200")),
          Map.entry("POST " + CH, Set.of("201", "400", "409", "415")),
          Map.entry("GET " + CH + "/{id}", Set.of("200", "400", "404")),
          Map.entry("GET " + CH + "/{id}/health", Set.of("200", "400", "404", "409", "502")),
          Map.entry("POST " + CH + "/{id}/resume", Set.of("200", "400", "404")),
          Map.entry("PATCH " + CH + "/{id}", Set.of("200", "400", "404", "409", "415")),
          Map.entry("DELETE " + CH + "/{id}", Set.of("204", "400", "404", "409")),
          Map.entry("GET " + CH + "/{id}/templates", Set.of("200", "400", "404")),
          Map.entry("POST " + CH + "/{id}/templates", Set.of("201", "400", "404", "409", "415")),
          Map.entry("DELETE " + CH + "/{id}/templates/{templateId}", Set.of("204", "400", "404")));

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
  void everyOperationIsDocumentedWithItsAnswers() {
    assertEquals(List.of(), AdminOpenApi.problems(document(), ANSWERS));
  }

  @Test
  @SuppressWarnings("unchecked")
  void eventsDocumentLastEventIdAndTheReplyItsConflicts() {
    Map<String, Op> ops =
        AdminOpenApi.operations(document()).stream()
            .collect(java.util.stream.Collectors.toMap(Op::key, op -> op));
    List<Map<String, Object>> parameters =
        (List<Map<String, Object>>) ops.get("GET /api/admin/events").operation().get("parameters");
    assertTrue(
        parameters.stream()
            .anyMatch(p -> "header".equals(p.get("in")) && "Last-Event-ID".equals(p.get("name"))),
        "Last-Event-ID header documented: " + parameters);
    Map<String, Object> conflict =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ops.get("POST " + C + "/{id}/messages").operation().get("responses"))
                .get("409");
    String says = (String) conflict.get("description");
    assertTrue(says.contains("window_closed") && says.contains("clientMessageId"), says);
  }

  /** What the document says every operation shares is what the service answers. */
  @Test
  void theSharedAnswersAreTheServicesAnswers() {
    List<Op> ops = AdminOpenApi.operations(document());
    assertEquals(ANSWERS.size(), ops.size());
    for (Op op : ops) {
      String path = op.path().replaceAll("\\{[^}]+}", "1");
      // A JSON body, so that a write's Content-Type check (415, before the filter) passes.
      given()
          .header("X-Admin-User", "Ada Agent")
          .contentType("application/json")
          .body("{}")
          .request(op.method(), path)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", "Bearer");
      if (op.write()) {
        given()
            .header("Authorization", "Bearer test-admin-token")
            .contentType("application/json")
            .body("{}")
            .request(op.method(), path)
            .then()
            .statusCode(400)
            .body("field", equalTo("X-Admin-User"));
      }
      if (op.responses().contains("415")) {
        AdminDb.admin()
            .contentType("text/plain")
            .body("x")
            .request(op.method(), path)
            .then()
            .statusCode(415);
      }
    }
  }
}
