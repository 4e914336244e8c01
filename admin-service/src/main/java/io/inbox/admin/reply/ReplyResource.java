package io.inbox.admin.reply;

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
 * An agent answers a customer: {@code POST /api/admin/conversations/{id}/messages} with {@code
 * {"body": "...", "clientMessageId": "<uuid>"}} answers 202 with the queued message; the runner
 * sends it. Sending the same request again (same clientMessageId, conversation and body) answers
 * 202 with the same message, as it now stands, and sends nothing more.
 */
@Path("/api/admin/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conversations")
public class ReplyResource {

  private final AgentReplies replies;
  private final AdminActor actor;

  public ReplyResource(AgentReplies replies, AdminActor actor) {
    this.replies = replies;
    this.actor = actor;
  }

  @POST
  @Path("/{id}/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Send an agent's reply",
      description =
          "Queues the reply (a PENDING message and its job, in one statement); the runner sends it"
              + " exactly once. Repeating the request with the same `clientMessageId`, conversation"
              + " and body answers 202 with the same message as it now stands and sends nothing"
              + " more. Only within 24 hours of the customer's last message (WhatsApp's window).")
  @APIResponse(
      responseCode = "202",
      description = "Queued (or queued earlier by the same request): the message as it now stands",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AgentReply.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "`id` not a positive integer; the body not a JSON object (`field` request); `body`"
              + " missing, blank, over 4096 characters or holding NUL; `clientMessageId` missing,"
              + " blank, over 100 characters or holding control characters (`field` names it)")
  @APIResponse(responseCode = "404", description = "No such conversation, or it is soft-deleted")
  @APIResponse(
      responseCode = "409",
      description =
          "`{\"error\":\"window_closed\",\"lastInboundAt\":\"…\"}`: the customer's last message is"
              + " over 24 hours old (or there is none); `clientMessageId already used for another"
              + " message` (another conversation or body, `field` clientMessageId); or the"
              + " `clientMessageId` was held by a request that did not finish: send it again")
  @APIResponse(responseCode = "415", description = "The body is not sent as application/json")
  public Uni<Response> reply(
      @Parameter(description = "The conversation's id (a positive integer)") @PathParam("id")
          String id,
      @RequestBody(
              required = true,
              description =
                  "`body`: the text (1 to 4096 characters); `clientMessageId`: a UUID the client"
                      + " makes once per message and repeats when it retries",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = ReplyRequest.class),
                      examples =
                          @ExampleObject(
                              name = "reply",
                              value =
                                  "{\"body\": \"Your order ships today\", \"clientMessageId\":"
                                      + " \"7f9c2ba4-e88f-4a6b-9e2e-6f1a7c3d5e10\"}")))
          String json) {
    long conversationId = Params.id(id, "id");
    ReplyRequest request = ReplyRequest.parse(json);
    return replies
        .reply(conversationId, request, actor.name())
        .map(reply -> Response.accepted(reply).build());
  }
}
