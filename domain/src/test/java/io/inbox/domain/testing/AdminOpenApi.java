package io.inbox.domain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a service's OpenAPI document (as parsed JSON) and says what its {@code /api/admin}
 * operations leave undocumented: each needs a summary, a 2xx answer, 401, 500, a description on
 * every parameter and every answer, the bearer scheme, on a write (any method but GET and HEAD) a
 * 400 and the required {@code X-Admin-User} header, and exactly the answers a module's table
 * expects for it. It walks every operation, so an endpoint added without docs (or without a row in
 * the table) is a problem.
 */
public final class AdminOpenApi {

  public static final String PREFIX = "/api/admin";

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  /** One operation: {@code method} upper-case, e.g. {@code POST /api/admin/tasks/{id}/assign}. */
  public record Op(String method, String path, Map<String, Object> operation) {

    public String key() {
      return method + " " + path;
    }

    public boolean write() {
      return !method.equals("GET") && !method.equals("HEAD");
    }

    @SuppressWarnings("unchecked")
    public Set<String> responses() {
      Object responses = operation.get("responses");
      return responses == null
          ? Set.of()
          : new TreeSet<>(((Map<String, Object>) responses).keySet());
    }
  }

  private AdminOpenApi() {}

  /** Every operation under {@code /api/admin}, in document order. */
  @SuppressWarnings("unchecked")
  public static List<Op> operations(Map<String, Object> document) {
    List<Op> ops = new ArrayList<>();
    Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
    paths.forEach(
        (path, item) -> {
          if (!path.startsWith(PREFIX)) {
            return;
          }
          ((Map<String, Object>) item)
              .forEach(
                  (method, operation) -> {
                    if (METHODS.contains(method)) {
                      ops.add(new Op(method.toUpperCase(), path, (Map<String, Object>) operation));
                    }
                  });
        });
    return ops;
  }

  /**
   * What is missing, one line each; empty when every operation is documented. {@code expected}: per
   * operation key, the answers it has besides those every one shares (401 and 500, and on a write
   * 400): its 2xx and its own errors.
   */
  @SuppressWarnings("unchecked")
  public static List<String> problems(
      Map<String, Object> document, Map<String, Set<String>> expected) {
    List<String> problems = new ArrayList<>();
    List<Op> ops = operations(document);
    if (ops.isEmpty()) {
      problems.add("no operation under " + PREFIX);
    }
    Map<String, Object> schemes =
        (Map<String, Object>)
            ((Map<String, Object>) document.getOrDefault("components", Map.of()))
                .getOrDefault("securitySchemes", Map.of());
    Map<String, Object> bearer = (Map<String, Object>) schemes.get("adminToken");
    if (bearer == null
        || !"http".equals(bearer.get("type"))
        || !"bearer".equals(bearer.get("scheme"))) {
      problems.add(
          "components.securitySchemes.adminToken is not the http bearer scheme: " + bearer);
    }
    Set<String> seen = new TreeSet<>();
    for (Op op : ops) {
      String key = op.key();
      seen.add(key);
      Map<String, Object> o = op.operation();
      if (blank(o.get("summary"))) {
        problems.add(key + ": no summary");
      }
      Set<String> codes = op.responses();
      if (codes.stream().noneMatch(c -> c.startsWith("2"))) {
        problems.add(key + ": no 2xx answer");
      }
      Set<String> shared = new TreeSet<>(Set.of("401", "500"));
      if (op.write()) {
        shared.add("400");
      }
      if (!codes.containsAll(shared)) {
        problems.add(key + ": lacks the shared answers " + shared + ", has " + codes);
      }
      Map<String, Object> responses = (Map<String, Object>) o.getOrDefault("responses", Map.of());
      responses.forEach(
          (code, response) -> {
            Map<String, Object> r = (Map<String, Object>) response;
            if (blank(r.get("description"))) {
              problems.add(key + ": answer " + code + " has no description");
            }
            if (code.startsWith("4") || code.startsWith("5")) {
              if (!(r.get("content") instanceof Map<?, ?> content) || content.isEmpty()) {
                problems.add(key + ": error answer " + code + " has no body schema");
              }
            }
          });
      if (op.write()) {
        String badRequest =
            String.valueOf(
                ((Map<String, Object>) responses.getOrDefault("400", Map.of())).get("description"));
        if (!badRequest.contains("X-Admin-User")) {
          problems.add(key + ": its 400 does not mention X-Admin-User");
        }
      }
      List<Map<String, Object>> parameters =
          (List<Map<String, Object>>) o.getOrDefault("parameters", List.of());
      for (Map<String, Object> p : parameters) {
        if (blank(p.get("description"))) {
          problems.add(
              key + ": parameter " + p.get("in") + " " + p.get("name") + " has no description");
        }
      }
      boolean actorHeader =
          parameters.stream()
              .anyMatch(
                  p ->
                      "header".equals(p.get("in"))
                          && "X-Admin-User".equals(p.get("name"))
                          && Boolean.TRUE.equals(p.get("required")));
      if (op.write() && !actorHeader) {
        problems.add(key + ": no required X-Admin-User header parameter");
      }
      List<Map<String, Object>> security =
          (List<Map<String, Object>>) o.getOrDefault("security", List.of());
      if (security.stream().noneMatch(s -> s.containsKey("adminToken"))) {
        problems.add(key + ": no adminToken security requirement");
      }
      Set<String> own = expected.get(key);
      if (own == null) {
        problems.add(key + ": not in the test's table of answers (add it with its errors)");
      } else {
        Set<String> want = new TreeSet<>(own);
        want.addAll(shared);
        if (!want.equals(codes)) {
          problems.add(key + ": documents " + codes + ", the table expects " + want);
        }
      }
    }
    for (String key : expected.keySet()) {
      if (!seen.contains(key)) {
        problems.add(key + ": in the table but not in the document");
      }
    }
    return problems;
  }

  private static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
