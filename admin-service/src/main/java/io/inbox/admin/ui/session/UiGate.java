package io.inbox.admin.ui.session;

import io.inbox.domain.security.AdminActor;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Every {@code /inbox} page but sign-in needs a valid session cookie (else: to the sign-in page),
 * and every POST the CSRF token of its page (else 403, before any resource runs, so nothing is
 * written). The session's agent becomes the request's {@link AdminActor}: the UI's writes are
 * recorded under the agent's name exactly as the API's are under {@code X-Admin-User}.
 */
public class UiGate {

  static final String PREFIX = "/inbox";
  static final String SIGN_IN = "/inbox/sign-in";

  private final SessionKey key;
  private final UiSettings settings;
  private final UiRequest ui;
  private final AdminActor actor;
  private final Clock clock;

  public UiGate(SessionKey key, UiSettings settings, UiRequest ui, AdminActor actor, Clock clock) {
    this.key = key;
    this.settings = settings;
    this.ui = ui;
    this.actor = actor;
    this.clock = clock;
  }

  @ServerRequestFilter
  @WithFormRead
  public Optional<Response> guard(ResteasyReactiveContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
      return Optional.empty();
    }
    String cookie = value(request.getCookies().get(CsrfToken.COOKIE));
    boolean fresh = !CsrfToken.valid(key, cookie);
    if (HttpMethod.POST.equals(request.getMethod())) {
      String field = csrfField(request);
      if (!CsrfToken.matches(key, cookie, field)) {
        return Optional.of(
            Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.TEXT_PLAIN_TYPE)
                .entity("Forbidden: the form is out of date. Reload the page and try again.")
                .build());
      }
    }
    String agent =
        SessionCookie.agent(
            key, value(request.getCookies().get(SessionCookie.NAME)), clock.instant());
    ui.start(agent, fresh ? CsrfToken.fresh(key) : cookie, fresh, secure(request));
    if (agent == null) {
      return path.equals(SIGN_IN)
          ? Optional.empty()
          : Optional.of(Response.seeOther(URI.create(SIGN_IN)).build());
    }
    actor.identify(agent);
    return Optional.empty();
  }

  @ServerResponseFilter
  public void csrfCookie(ContainerRequestContext request, ContainerResponseContext response) {
    if (ui.csrf() != null && ui.newCsrf()) {
      response.getHeaders().add("Set-Cookie", ui.cookie(CsrfToken.COOKIE, ui.csrf(), -1));
    }
  }

  private boolean secure(ContainerRequestContext request) {
    String forwarded = request.getHeaderString("X-Forwarded-Proto");
    return settings.secureCookie()
        || "https".equalsIgnoreCase(forwarded)
        || "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme());
  }

  private static String csrfField(ResteasyReactiveContainerRequestContext request) {
    var context = (ResteasyReactiveRequestContext) request.getServerRequestContext();
    return context.getFormParameter(CsrfToken.FIELD, true, false) instanceof String field
        ? field
        : null;
  }

  private static String value(Cookie cookie) {
    return cookie == null ? null : cookie.getValue();
  }
}
