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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The inbox API. */
@Path("/api/admin/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conversations", description = "The inbox: list, read, hand over, delete")
public class ConversationResource {

  static final String ID = "The conversation's id (a positive integer)";
  static final String BAD_ID = "`id` is not a positive integer (`field` names it)";
  static final String PAGING =
      "`page` not 0 or more (or past the last page an int can address), or `limit` not 1 to 200";

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
  @Operation(
      summary = "List conversations",
      description =
          "Most recent customer message first (`lastInboundAt DESC NULLS LAST, id DESC`), soft-deleted"
              + " ones left out unless `includeDeleted=true`. Each row carries the contact, the last"
              + " message and the unread count.")
  @APIResponse(responseCode = "200", description = "A page of conversations")
  @APIResponse(
      responseCode = "400",
      description =
          "A filter is malformed, `field` names it: `includeDeleted`/`unread` not true or false,"
              + " `status` not ACTIVE, HANDOVER or CLOSED, `mode` not BOT or HUMAN, `assignee` or `q`"
              + " longer than 100 characters or holding control characters; or "
              + PAGING)
  public Uni<Page<Summary>> list(
      @Parameter(description = "true: soft-deleted conversations too (default false)")
          @QueryParam("includeDeleted")
          String includeDeleted,
      @Parameter(description = "ACTIVE, HANDOVER or CLOSED (any case)") @QueryParam("status")
          String status,
      @Parameter(description = "Who answers: BOT or HUMAN (any case)") @QueryParam("mode")
          String mode,
      @Parameter(description = "true: only those with an inbound message after `lastReadAt`")
          @QueryParam("unread")
          String unread,
      @Parameter(description = "Only those assigned to this agent (exact name)")
          @QueryParam("assignee")
          String assignee,
      @Parameter(
              description =
                  "Search: the contact's name, its phone in any form (digits matched) and message"
                      + " text, case-insensitive, `%` and `_` literal; up to 100 characters")
          @QueryParam("q")
          String q,
      @Parameter(description = "Page number from 0 (default 0)") @QueryParam("page") String page,
      @Parameter(description = "Page size, 1 to 200 (default 50)") @QueryParam("limit")
          String limit) {
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
  @Operation(
      summary = "One conversation with a page of its messages",
      description = "The conversation as the list shows it and its messages oldest first.")
  @APIResponse(responseCode = "200", description = "The conversation and a page of its messages")
  @APIResponse(
      responseCode = "400",
      description = BAD_ID + "; `includeDeleted` not true or false; or " + PAGING)
  @APIResponse(
      responseCode = "404",
      description = "No such conversation, or it is soft-deleted and `includeDeleted` is not true")
  public Uni<Detail> detail(
      @Parameter(description = ID) @PathParam("id") String id,
      @Parameter(description = "true: also a soft-deleted conversation (default false)")
          @QueryParam("includeDeleted")
          String includeDeleted,
      @Parameter(description = "Page of messages from 0 (default 0)") @QueryParam("page")
          String page,
      @Parameter(description = "Messages per page, 1 to 200 (default 50)") @QueryParam("limit")
          String limit) {
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
  @Operation(
      summary = "The thread, newest first, by cursor",
      description =
          "`limit` messages older than `before`; the answer's `nextBefore` is the `before` of the"
              + " next page (null on the last).")
  @APIResponse(responseCode = "200", description = "A page of the thread")
  @APIResponse(
      responseCode = "400",
      description =
          BAD_ID
              + "; `before` not a positive integer or not a message of this conversation; `limit`"
              + " not 1 to 100")
  @APIResponse(responseCode = "404", description = "No such conversation, or it is soft-deleted")
  public Uni<Thread> thread(
      @Parameter(description = ID) @PathParam("id") String id,
      @Parameter(description = "A message id of this conversation: older messages than it")
          @QueryParam("before")
          String before,
      @Parameter(description = "Messages per page, 1 to 100 (default 50)") @QueryParam("limit")
          String limit) {
    long conversationId = Params.id(id, "id");
    Long cursor = before == null || before.isBlank() ? null : Params.id(before, "before");
    return conversations.thread(conversationId, cursor, Params.limit(limit, MAX_THREAD_LIMIT));
  }

  @POST
  @Path("/{id}/takeover")
  @Operation(
      summary = "Take a conversation over",
      description =
          "An agent answers from now on: `mode` HUMAN, status HANDOVER, assigned to `X-Admin-User`;"
              + " the bot stays silent. Idempotent.")
  @APIResponse(responseCode = "200", description = "The conversation as it now stands")
  @APIResponse(responseCode = "400", description = BAD_ID)
  @APIResponse(responseCode = "404", description = "No such conversation, or it is soft-deleted")
  public Uni<Summary> takeOver(@Parameter(description = ID) @PathParam("id") String id) {
    return handling.takeOver(Params.id(id, "id"), actor.name());
  }

  @POST
  @Path("/{id}/release")
  @Operation(
      summary = "Give a conversation back to the bot",
      description = "`mode` BOT, status ACTIVE, nobody assigned. Idempotent.")
  @APIResponse(responseCode = "200", description = "The conversation as it now stands")
  @APIResponse(responseCode = "400", description = BAD_ID)
  @APIResponse(responseCode = "404", description = "No such conversation, or it is soft-deleted")
  public Uni<Summary> release(@Parameter(description = ID) @PathParam("id") String id) {
    return handling.release(Params.id(id, "id"), actor.name());
  }

  @POST
  @Path("/{id}/read")
  @Operation(
      summary = "Mark a conversation read",
      description =
          "Sets `lastReadAt` to the database's now: the unread count starts again from zero.")
  @APIResponse(responseCode = "200", description = "The conversation as it now stands")
  @APIResponse(responseCode = "400", description = BAD_ID)
  @APIResponse(responseCode = "404", description = "No such conversation, or it is soft-deleted")
  public Uni<Summary> read(@Parameter(description = ID) @PathParam("id") String id) {
    return handling.markRead(Params.id(id, "id"), actor.name());
  }

  @POST
  @Path("/{id}/delete")
  @Operation(
      summary = "Soft-delete a conversation",
      description =
          "Sets `deletedAt` (kept when already set) and cancels its QUEUED jobs in the same"
              + " transaction. Idempotent.")
  @APIResponse(
      responseCode = "200",
      description = "`deletedAt` and how many queued jobs this call cancelled")
  @APIResponse(responseCode = "400", description = BAD_ID)
  @APIResponse(responseCode = "404", description = "No such conversation")
  public Uni<Deletion> softDelete(@Parameter(description = ID) @PathParam("id") String id) {
    return conversations.softDelete(Params.id(id, "id"), actor.name());
  }

  @POST
  @Path("/{id}/restore")
  @Operation(summary = "Restore a soft-deleted conversation", description = "Clears `deletedAt`.")
  @APIResponse(responseCode = "200", description = "The conversation's id, `deletedAt` null")
  @APIResponse(responseCode = "400", description = BAD_ID)
  @APIResponse(responseCode = "404", description = "No such conversation")
  public Uni<Deletion> restore(@Parameter(description = ID) @PathParam("id") String id) {
    return conversations.restore(Params.id(id, "id"), actor.name());
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      summary = "Delete a conversation for good",
      description =
          "Only with `hard=true`, and only when no row depends on it (the foreign keys RESTRICT):"
              + " otherwise nothing is deleted.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "400",
      description = BAD_ID + "; `hard` is not true (use POST …/{id}/delete for a soft delete)")
  @APIResponse(responseCode = "404", description = "No such conversation")
  @APIResponse(
      responseCode = "409",
      description =
          "Rows depend on it (also one inserted meanwhile): `{\"error\":\""
              + ConversationService.FK_CONFLICT
              + "\",\"dependents\":{\"<table>\":<count>,…}}`, nothing deleted")
  public Uni<Response> hardDelete(
      @Parameter(description = ID) @PathParam("id") String id,
      @Parameter(description = "Must be true: the delete cannot be undone", required = true)
          @QueryParam("hard")
          String hard) {
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
  @Operation(
      summary = "What stops a hard delete",
      description =
          "schema-guard's `verify-fks` as JSON: whether the conversation exists, its status,"
              + " dependent row counts and the foreign keys to Conversation. An unknown id answers"
              + " 200 with `exists` false.")
  @APIResponse(
      responseCode = "200",
      description = "The report",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ConversationFkReport.class)))
  @APIResponse(responseCode = "400", description = BAD_ID)
  public Uni<ConversationFkReport> fkReport(
      @Parameter(description = ID) @PathParam("id") String id) {
    return conversations.fkReport(Params.id(id, "id"));
  }
}
