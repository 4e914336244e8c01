package io.inbox.admin.ui.session;

import io.inbox.admin.ui.web.UiMessages;
import io.inbox.domain.security.SharedSecret;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign in with the admin token and the agent's name; sign out. The token is only compared (in
 * constant time), never echoed into a page, a redirect or a log line.
 */
@Path("/inbox")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

  /** The agent name's limit, the same as the API's {@code X-Admin-User}. */
  static final int MAX_AGENT = 100;

  private final Template signIn;
  private final SessionKey key;
  private final UiSettings settings;
  private final UiRequest ui;
  private final UiMessages msg;
  private final Clock clock;
  private final Optional<String> token;

  public SignInResource(
      @Location("ui/sign-in.html") Template signIn,
      SessionKey key,
      UiSettings settings,
      UiRequest ui,
      UiMessages msg,
      Clock clock,
      @ConfigProperty(name = "admin.api-token") Optional<String> token) {
    this.signIn = signIn;
    this.key = key;
    this.settings = settings;
    this.ui = ui;
    this.msg = msg;
    this.clock = clock;
    this.token = token.filter(t -> !t.isBlank());
  }

  @GET
  @Path("/sign-in")
  public Object form() {
    if (ui.agent() != null) {
      return Response.seeOther(URI.create(UiGate.PREFIX)).build();
    }
    return signIn.data("agent", "").data("errors", Map.of());
  }

  @POST
  @Path("/sign-in")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(@FormParam("token") String presented, @FormParam("agent") String agent) {
    String name = agent == null ? "" : agent.strip();
    if (name.isEmpty()
        || name.length() > MAX_AGENT
        || name.codePoints().anyMatch(Character::isISOControl)) {
      return rejected(agent, Map.of("agent", msg.agentInvalid(MAX_AGENT)));
    }
    if (!SharedSecret.matches(presented, token.orElse(null))) {
      Log.warnf("🔒 [UI] Sign-in refused for %s: wrong admin token", name);
      return rejected(name, Map.of("token", msg.tokenWrong()));
    }
    String session = SessionCookie.issue(key, name, clock.instant().plus(settings.sessionTtl()));
    Log.infof("🔑 [UI] %s signed in", name);
    return Response.seeOther(URI.create(UiGate.PREFIX))
        .cookie(ui.cookie(SessionCookie.NAME, session, (int) settings.sessionTtl().toSeconds()))
        .build();
  }

  @POST
  @Path("/sign-out")
  public Response signOut() {
    Log.infof("👋 [UI] %s signed out", ui.agent());
    return Response.seeOther(URI.create(UiGate.SIGN_IN))
        .cookie(ui.cookie(SessionCookie.NAME, "", 0))
        .build();
  }

  private Response rejected(String agent, Map<String, String> errors) {
    return Response.status(Response.Status.BAD_REQUEST)
        .entity(signIn.data("agent", agent == null ? "" : agent).data("errors", errors))
        .build();
  }
}
