package io.inbox.admin.conversation;

import io.inbox.admin.conversation.ConversationViews.Deletion;
import io.inbox.admin.conversation.ConversationViews.Detail;
import io.inbox.admin.conversation.ConversationViews.Summary;
import io.inbox.admin.web.Page;
import io.inbox.admin.web.Params;
import io.inbox.domain.schema.ConversationFkReport;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/** The inbox API. */
@Path("/api/admin/conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

  private static final Set<String> STATUSES = Set.of("ACTIVE", "HANDOVER", "CLOSED");

  private final ConversationService conversations;

  public ConversationResource(ConversationService conversations) {
    this.conversations = conversations;
  }

  @GET
  public Uni<Page<Summary>> list(
      @QueryParam("includeDeleted") String includeDeleted,
      @QueryParam("status") String status,
      @QueryParam("page") String page,
      @QueryParam("limit") String limit) {
    int size = Params.limit(limit);
    return conversations.list(
        Params.flag(includeDeleted, "includeDeleted"),
        Params.oneOf(status, STATUSES, "status"),
        Params.page(page, size),
        size);
  }

  @GET
  @Path("/{id}")
  public Uni<Detail> detail(
      @PathParam("id") String id,
      @QueryParam("includeDeleted") String includeDeleted,
      @QueryParam("page") String page,
      @QueryParam("limit") String limit) {
    int size = Params.limit(limit);
    return conversations.detail(
        Params.id(id, "id"),
        Params.flag(includeDeleted, "includeDeleted"),
        Params.page(page, size),
        size);
  }

  @POST
  @Path("/{id}/delete")
  public Uni<Deletion> softDelete(@PathParam("id") String id) {
    return conversations.softDelete(Params.id(id, "id"));
  }

  @POST
  @Path("/{id}/restore")
  public Uni<Deletion> restore(@PathParam("id") String id) {
    return conversations.restore(Params.id(id, "id"));
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> hardDelete(@PathParam("id") String id, @QueryParam("hard") String hard) {
    long conversationId = Params.id(id, "id");
    if (!Params.flag(hard, "hard")) {
      throw Params.badRequest(
          "hard",
          "DELETE removes the row for good and needs hard=true; use POST /api/admin/conversations/"
              + conversationId
              + "/delete for a soft delete");
    }
    return conversations.hardDelete(conversationId).map(v -> Response.noContent().build());
  }

  @GET
  @Path("/{id}/fk-report")
  public Uni<ConversationFkReport> fkReport(@PathParam("id") String id) {
    return conversations.fkReport(Params.id(id, "id"));
  }
}
