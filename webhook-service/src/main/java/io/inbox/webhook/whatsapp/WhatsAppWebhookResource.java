package io.inbox.webhook.whatsapp;

import io.inbox.domain.logging.LogFields;
import io.inbox.domain.logging.RequestIds;
import io.inbox.domain.security.SharedSecret;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.MDC;

/** The WhatsApp Cloud API webhook: Meta's verification handshake and message delivery. */
@Path("/api/webhooks/whatsapp")
public class WhatsAppWebhookResource {

  private final WebhookProcessor processor;
  private final WebhookSettings settings;

  public WhatsAppWebhookResource(WebhookProcessor processor, WebhookSettings settings) {
    this.processor = processor;
    this.settings = settings;
  }

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public Response verify(
      @QueryParam("hub.mode") String mode,
      @QueryParam("hub.verify_token") String token,
      @QueryParam("hub.challenge") String challenge) {
    if (!"subscribe".equals(mode)
        || !SharedSecret.matches(token, settings.verifyToken().orElse(null))) {
      return Response.status(Response.Status.FORBIDDEN).entity("Forbidden").build();
    }
    if (challenge == null) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity("hub.challenge is missing")
          .build();
    }
    return Response.ok(challenge).build();
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<Response> receive(byte[] body, @HeaderParam("X-Hub-Signature-256") String signature) {
    String requestId = RequestIds.next("webhook");
    // On the request's own duplicated context: every line of this request carries it.
    MDC.put(LogFields.REQUEST_ID, requestId);
    return processor
        .receive(body == null ? new byte[0] : body, signature, requestId)
        .map(
            outcome ->
                switch (outcome) {
                  case ACCEPTED -> Response.ok(Map.of("ok", true, "requestId", requestId)).build();
                  case REJECTED_SIGNATURE ->
                      Response.status(Response.Status.UNAUTHORIZED)
                          .entity(Map.of("error", "Invalid signature", "requestId", requestId))
                          .build();
                  case TOO_SLOW ->
                      Response.status(Response.Status.SERVICE_UNAVAILABLE)
                          .entity(
                              Map.of(
                                  "error",
                                  "Database too slow; deliver again",
                                  "requestId",
                                  requestId))
                          .build();
                });
  }
}
