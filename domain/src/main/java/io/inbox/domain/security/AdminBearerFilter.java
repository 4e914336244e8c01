package io.inbox.domain.security;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /api/admin} call, in whichever service serves it (admin-service, webhook-service's
 * event replay), needs {@code Authorization: Bearer <ADMIN_API_TOKEN>}, compared in constant time.
 * A service without {@code admin.api-token} answers 401 to all of them: closed, never open. Health
 * and OpenAPI under {@code /q} stay open for probes and tooling. Every write (any method but GET
 * and HEAD) also names its person in {@code X-Admin-User} ({@link AdminActor}), or answers 400 with
 * nothing written.
 */
public class AdminBearerFilter {

  private final Optional<String> token;
  private final AdminActor actor;

  public AdminBearerFilter(
      @ConfigProperty(name = "admin.api-token") Optional<String> token, AdminActor actor) {
    this.token = token.filter(t -> !t.isBlank());
    this.actor = actor;
  }

  @ServerRequestFilter
  public Optional<Response> authorize(ContainerRequestContext request) {
    if (!request.getUriInfo().getPath().startsWith("/api/admin")) {
      return Optional.empty();
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    String presented =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).strip()
            : null;
    if (!SharedSecret.matches(presented, token.orElse(null))) {
      return Optional.of(unauthorized());
    }
    String name = AdminActor.valid(request.getHeaderString(AdminActor.HEADER));
    boolean write =
        !HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod());
    if (write && name == null) {
      return Optional.of(
          Response.status(Response.Status.BAD_REQUEST)
              .type(MediaType.APPLICATION_JSON)
              .entity(
                  Map.of(
                      "error",
                      AdminActor.HEADER
                          + " is required on every change: the name of the person making it"
                          + " (1 to "
                          + AdminActor.MAX_LENGTH
                          + " printable characters)",
                      "field",
                      AdminActor.HEADER))
              .build());
    }
    actor.identify(name);
    return Optional.empty();
  }

  private static Response unauthorized() {
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", "Unauthorized: send Authorization: Bearer <ADMIN_API_TOKEN>"))
        .build();
  }
}
