package io.inbox.admin.template;

import io.inbox.admin.web.Params;
import io.inbox.domain.security.AdminActor;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An agent sends a message template: {@code POST /api/admin/conversations/{id}/templates} answers
 * 202 with the queued message; the runner sends it, exactly once per clientMessageId.
 */
@Path("/api/admin/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conversations")
public class TemplateSendResource {

  private final TemplateSends sends;
  private final AdminActor actor;

  public TemplateSendResource(TemplateSends sends, AdminActor actor) {
    this.sends = sends;
    this.actor = actor;
  }

  @POST
  @Path("/{id}/templates")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Send a template",
      description =
          "Queues a template of the conversation's channel (by `templateId`, or `name` and"
              + " `language`), its parameters filled from the contact: a PENDING message and its"
              + " TEMPLATE job in one statement. Allowed outside the 24-hour window: that is what"
              + " templates are for. Repeating the request with the same `clientMessageId`"
              + " answers 202 with the same message as it now stands and sends nothing more.")
  @APIResponse(
      responseCode = "202",
      description = "Queued (or queued earlier by the same request): the message as it now stands",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TemplateSend.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "`id` not a positive integer; the body not a JSON object (`field` request); neither"
              + " `templateId` nor `name` and `language`; `clientMessageId` missing, blank, over"
              + " 100 characters or holding control characters (`field` names it)")
  @APIResponse(
      responseCode = "404",
      description =
          "No such conversation, or it is soft-deleted; no such template on the conversation's"
              + " channel")
  @APIResponse(
      responseCode = "409",
      description =
          "The contact has no value for a parameter (`field` parameters); `clientMessageId"
              + " already used for another message` (`field` clientMessageId); or it was held by"
              + " a request that did not finish: send it again")
  @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
  public Uni<Response> send(
      @Parameter(description = "The conversation's id (a positive integer)") @PathParam("id")
          String id,
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      examples =
                          @ExampleObject(
                              name = "template",
                              value =
                                  "{\"templateId\": 3, \"clientMessageId\":"
                                      + " \"7f9c2ba4-e88f-4a6b-9e2e-6f1a7c3d5e10\"}")))
          String json) {
    long conversationId = Params.id(id, "id");
    TemplateSendRequest request = TemplateSendRequest.parse(json);
    return sends
        .send(conversationId, request, actor.name())
        .map(sent -> Response.accepted(sent).build());
  }
}
