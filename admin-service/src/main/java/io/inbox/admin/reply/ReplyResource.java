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

/**
 * An agent answers a customer: {@code POST /api/admin/conversations/{id}/messages} with {@code
 * {"body": "...", "clientMessageId": "<uuid>"}} answers 202 with the queued message; the runner
 * sends it. Sending the same request again (same clientMessageId, conversation and body) answers
 * 202 with the same message, as it now stands, and sends nothing more.
 */
@Path("/api/admin/conversations")
@Produces(MediaType.APPLICATION_JSON)
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
  public Uni<Response> reply(@PathParam("id") String id, String json) {
    long conversationId = Params.id(id, "id");
    ReplyRequest request = ReplyRequest.parse(json);
    return replies
        .reply(conversationId, request, actor.name())
        .map(reply -> Response.accepted(reply).build());
  }
}
