package io.inbox.domain.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The OpenApiTests' check names what an undocumented or half-documented endpoint lacks. */
class AdminOpenApiTest {

  private static final Map<String, Object> BEARER =
      Map.of("securitySchemes", Map.of("adminToken", Map.of("type", "http", "scheme", "bearer")));

  private static final Map<String, Object> ERROR =
      Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")));

  private static Map<String, Object> answer(String description) {
    return Map.of("description", description, "content", ERROR);
  }

  private static final Map<String, Object> DOCUMENTED_WRITE =
      Map.of(
          "summary",
          "Retry a failed job",
          "parameters",
          List.of(
              Map.of("name", "id", "in", "path", "required", true, "description", "The job"),
              Map.of(
                  "name", "X-Admin-User", "in", "header", "required", true, "description", "Who")),
          "security",
          List.of(Map.of("adminToken", List.of())),
          "responses",
          Map.of(
              "200", Map.of("description", "The job"),
              "400", answer("bad id; or X-Admin-User missing"),
              "401", answer("no token"),
              "404", answer("no such job"),
              "500", answer("database")));

  @Test
  void aDocumentedWriteInTheTablePasses() {
    Map<String, Object> document =
        Map.of(
            "components",
            BEARER,
            "paths",
            Map.of("/api/admin/jobs/{id}/retry", Map.of("post", DOCUMENTED_WRITE)));
    assertEquals(
        List.of(),
        AdminOpenApi.problems(
            document, Map.of("POST /api/admin/jobs/{id}/retry", Set.of("200", "404"))));
  }

  @Test
  void anUndocumentedEndpointIsNamedWithEverythingItLacks() {
    Map<String, Object> document =
        Map.of(
            "components",
            BEARER,
            "paths",
            Map.of(
                "/api/admin/jobs/{id}/retry",
                Map.of("post", DOCUMENTED_WRITE),
                "/api/admin/jobs/{id}",
                Map.of(
                    "delete",
                    Map.of(
                        "parameters",
                        List.of(Map.of("name", "id", "in", "path")),
                        "responses",
                        Map.of("204", Map.of("description", "Deleted"))))));
    assertEquals(
        List.of(
            "DELETE /api/admin/jobs/{id}: no summary",
            "DELETE /api/admin/jobs/{id}: lacks the shared answers [400, 401, 500], has [204]",
            "DELETE /api/admin/jobs/{id}: its 400 does not mention X-Admin-User",
            "DELETE /api/admin/jobs/{id}: parameter path id has no description",
            "DELETE /api/admin/jobs/{id}: no required X-Admin-User header parameter",
            "DELETE /api/admin/jobs/{id}: no adminToken security requirement",
            "DELETE /api/admin/jobs/{id}: not in the test's table of answers (add it with its"
                + " errors)"),
        AdminOpenApi.problems(
            document, Map.of("POST /api/admin/jobs/{id}/retry", Set.of("200", "404"))));
  }

  @Test
  void anAnswerTheTableExpectsButTheDocumentLacksIsNamed() {
    Map<String, Object> document =
        Map.of(
            "components",
            BEARER,
            "paths",
            Map.of("/api/admin/jobs/{id}/retry", Map.of("post", DOCUMENTED_WRITE)));
    assertEquals(
        List.of(
            "POST /api/admin/jobs/{id}/retry: documents [200, 400, 401, 404, 500], the table"
                + " expects [200, 400, 401, 404, 409, 500]",
            "GET /api/admin/jobs: in the table but not in the document"),
        AdminOpenApi.problems(
            document,
            Map.of(
                "POST /api/admin/jobs/{id}/retry",
                Set.of("200", "404", "409"),
                "GET /api/admin/jobs",
                Set.of("200"))));
  }
}
