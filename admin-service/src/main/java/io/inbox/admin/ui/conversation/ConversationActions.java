package io.inbox.admin.ui.conversation;

import io.inbox.admin.conversation.ConversationHandling;
import io.inbox.admin.conversation.ConversationService;
import io.inbox.admin.ui.web.UiErrors;
import io.inbox.admin.ui.web.UiMessages;
import io.inbox.admin.web.Params;
import io.inbox.domain.security.AdminActor;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Take over, hand back, delete (after a confirmation page, so it works without JS) and restore;
 * each answers with the page to show next (303), so a reload never repeats the action.
 */
@Path("/inbox/conversations/{id}")
@Produces(MediaType.TEXT_HTML)
public class ConversationActions {

  private final Template confirmDelete;
  private final ConversationService conversations;
  private final ConversationHandling handling;
  private final AdminActor actor;
  private final UiMessages msg;
  private final UiErrors errors;

  public ConversationActions(
      @Location("ui/confirm-delete.html") Template confirmDelete,
      ConversationService conversations,
      ConversationHandling handling,
      AdminActor actor,
      UiMessages msg,
      UiErrors errors) {
    this.msg = msg;
    this.confirmDelete = confirmDelete;
    this.conversations = conversations;
    this.handling = handling;
    this.actor = actor;
    this.errors = errors;
  }

  @POST
  @Path("/takeover")
  public Uni<Response> takeOver(@PathParam("id") String id) {
    return errors.guard(
        () -> {
          long conversationId = Params.id(id, "id");
          return handling.takeOver(conversationId, actor.name()).map(c -> thread(conversationId));
        });
  }

  @POST
  @Path("/release")
  public Uni<Response> release(@PathParam("id") String id) {
    return errors.guard(
        () -> {
          long conversationId = Params.id(id, "id");
          return handling.release(conversationId, actor.name()).map(c -> thread(conversationId));
        });
  }

  @GET
  @Path("/delete")
  public Uni<Response> confirmDelete(@PathParam("id") String id) {
    return errors.show(
        () ->
            conversations
                .detail(Params.id(id, "id"), false, 0, 1)
                .map(
                    detail ->
                        confirmDelete
                            .data("c", detail.conversation())
                            .data("name", ContactName.of(detail.conversation(), msg))));
  }

  @POST
  @Path("/delete")
  public Uni<Response> delete(@PathParam("id") String id) {
    return errors.guard(
        () -> {
          long conversationId = Params.id(id, "id");
          return conversations
              .softDelete(conversationId, actor.name())
              .map(d -> thread(conversationId));
        });
  }

  @POST
  @Path("/restore")
  public Uni<Response> restore(@PathParam("id") String id) {
    return errors.guard(
        () -> {
          long conversationId = Params.id(id, "id");
          return conversations
              .restore(conversationId, actor.name())
              .map(d -> thread(conversationId));
        });
  }

  private static Response thread(long id) {
    return Response.seeOther(URI.create("/inbox/conversations/" + id)).build();
  }
}
