package io.inbox.admin.conversation;

import io.inbox.admin.conversation.ConversationViews.Deletion;
import io.inbox.admin.conversation.ConversationViews.Detail;
import io.inbox.admin.conversation.ConversationViews.Summary;
import io.inbox.admin.conversation.ConversationViews.Thread;
import io.inbox.admin.web.Page;
import io.inbox.admin.web.Params;
import io.inbox.domain.inbox.ConversationMode;
import io.inbox.domain.schema.ConversationFkReport;
import io.inbox.domain.security.AdminActor;
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
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The inbox API. */
@Path("/api/admin/conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

  private static final Set<String> STATUSES = Set.of("ACTIVE", "HANDOVER", "CLOSED");
  private static final Set<String> MODES =
      Arrays.stream(ConversationMode.values()).map(Enum::name).collect(Collectors.toSet());

  /** The longest search text and agent name a filter takes. */
  static final int MAX_SEARCH = 100;

  /** A thread page holds at most this many messages. */
  static final int MAX_THREAD_LIMIT = 100;

  private final ConversationService conversations;
  private final ConversationHandling handling;
  private final AdminActor actor;

  public ConversationResource(
      ConversationService conversations, ConversationHandling handling, AdminActor actor) {
    this.conversations = conversations;
    this.handling = handling;
    this.actor = actor;
  }

  /**
   * The inbox, most recent customer activity first. {@code q} searches the contact's name, its
   * phone in any form and the messages' text; {@code mode}, {@code unread} and {@code assignee}
   * narrow it.
   */
  @GET
  public Uni<Page<Summary>> list(
      @QueryParam("includeDeleted") String includeDeleted,
      @QueryParam("status") String status,
      @QueryParam("mode") String mode,
      @QueryParam("unread") String unread,
      @QueryParam("assignee") String assignee,
      @QueryParam("q") String q,
      @QueryParam("page") String page,
      @QueryParam("limit") String limit) {
    int size = Params.limit(limit);
    ConversationFilter filter =
        new ConversationFilter(
            Params.flag(includeDeleted, "includeDeleted"),
            Params.oneOf(status, STATUSES, "status"),
            Params.oneOf(mode, MODES, "mode"),
            unread == null || unread.isBlank() ? null : Params.flag(unread, "unread"),
            assignee == null || assignee.isBlank()
                ? null
                : Params.name(assignee, "assignee", MAX_SEARCH),
            q == null || q.isBlank() ? null : Params.name(q, "q", MAX_SEARCH));
    return conversations.list(filter, Params.page(page, size), size);
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

  /**
   * The thread newest first; {@code nextBefore} of the answer is the {@code before} of the next
   * page.
   */
  @GET
  @Path("/{id}/messages")
  public Uni<Thread> thread(
      @PathParam("id") String id,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit) {
    long conversationId = Params.id(id, "id");
    Long cursor = before == null || before.isBlank() ? null : Params.id(before, "before");
    return conversations.thread(conversationId, cursor, Params.limit(limit, MAX_THREAD_LIMIT));
  }

  @POST
  @Path("/{id}/takeover")
  public Uni<Summary> takeOver(@PathParam("id") String id) {
    return handling.takeOver(Params.id(id, "id"), actor.name());
  }

  @POST
  @Path("/{id}/release")
  public Uni<Summary> release(@PathParam("id") String id) {
    return handling.release(Params.id(id, "id"), actor.name());
  }

  @POST
  @Path("/{id}/read")
  public Uni<Summary> read(@PathParam("id") String id) {
    return handling.markRead(Params.id(id, "id"), actor.name());
  }

  @POST
  @Path("/{id}/delete")
  public Uni<Deletion> softDelete(@PathParam("id") String id) {
    return conversations.softDelete(Params.id(id, "id"), actor.name());
  }

  @POST
  @Path("/{id}/restore")
  public Uni<Deletion> restore(@PathParam("id") String id) {
    return conversations.restore(Params.id(id, "id"), actor.name());
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
    return conversations
        .hardDelete(conversationId, actor.name())
        .map(v -> Response.noContent().build());
  }

  @GET
  @Path("/{id}/fk-report")
  public Uni<ConversationFkReport> fkReport(@PathParam("id") String id) {
    return conversations.fkReport(Params.id(id, "id"));
  }
}
