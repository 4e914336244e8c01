package io.inbox.admin.ui.conversation;

import io.inbox.admin.conversation.ConversationService;
import io.inbox.admin.conversation.ConversationViews.Message;
import io.inbox.admin.conversation.ConversationViews.Summary;
import io.inbox.admin.conversation.ConversationViews.Thread;
import io.inbox.admin.reply.AgentReplies;
import io.inbox.admin.reply.ReplyRequest;
import io.inbox.admin.ui.web.UiErrors;
import io.inbox.admin.ui.web.UiMessages;
import io.inbox.admin.web.Params;
import io.inbox.domain.security.AdminActor;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * One conversation: its messages oldest to newest (a page of the newest, "load older" for more) and
 * the reply box; a rejected reply comes back inline with what was typed.
 */
@Path("/inbox/conversations/{id}")
@Produces(MediaType.TEXT_HTML)
public class ThreadPage {

  static final int PAGE_SIZE = 30;

  /** WhatsApp's customer-service window: free-form replies only this long after the customer. */
  static final Duration WINDOW = Duration.ofHours(24);

  private final Template thread;
  private final ConversationService conversations;
  private final AgentReplies replies;
  private final AdminActor actor;
  private final UiMessages msg;
  private final UiErrors errors;
  private final Clock clock;

  public ThreadPage(
      @Location("ui/thread.html") Template thread,
      ConversationService conversations,
      AgentReplies replies,
      AdminActor actor,
      UiMessages msg,
      UiErrors errors,
      Clock clock) {
    this.thread = thread;
    this.conversations = conversations;
    this.replies = replies;
    this.actor = actor;
    this.msg = msg;
    this.errors = errors;
    this.clock = clock;
  }

  @GET
  public Uni<Response> show(@PathParam("id") String id, @QueryParam("before") String before) {
    return errors.guard(
        () -> {
          long conversationId = Params.id(id, "id");
          Long cursor = before == null || before.isBlank() ? null : Params.id(before, "before");
          return render(conversationId, cursor, "", null, Response.Status.OK);
        });
  }

  @POST
  @Path("/reply")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> reply(
      @PathParam("id") String id,
      @FormParam("body") String body,
      @FormParam("clientMessageId") String clientMessageId) {
    return errors.guard(() -> reply(Params.id(id, "id"), body, clientMessageId));
  }

  private Uni<Response> reply(long conversationId, String body, String clientMessageId) {
    ReplyRequest request;
    try {
      request = ReplyRequest.of(body, clientMessageId);
    } catch (WebApplicationException e) {
      return render(
          conversationId,
          null,
          body,
          msg.replyInvalid(ReplyRequest.MAX_BODY),
          Response.Status.BAD_REQUEST);
    }
    return replies
        .reply(conversationId, request, actor.name())
        .map(r -> Response.seeOther(URI.create("/inbox/conversations/" + conversationId)).build())
        .onFailure(e -> UiErrors.status(e) == 409)
        .recoverWithUni(
            e ->
                render(
                    conversationId,
                    null,
                    body,
                    msg.conflictText(UiErrors.reason((WebApplicationException) e)),
                    Response.Status.CONFLICT));
  }

  private Uni<Response> render(
      long id, Long before, String draft, String replyError, Response.Status status) {
    return conversations
        .detail(id, true, 0, 1)
        .flatMap(
            detail -> {
              Summary summary = detail.conversation();
              Uni<Thread> page =
                  summary.deletedAt() != null
                      ? Uni.createFrom().item(new Thread(id, List.of(), null))
                      : conversations.thread(id, before, PAGE_SIZE);
              return page.map(
                  messages -> {
                    List<Message> oldestFirst = new ArrayList<>(messages.messages());
                    Collections.reverse(oldestFirst);
                    boolean open =
                        summary.lastInboundAt() != null
                            && summary.lastInboundAt().isAfter(clock.instant().minus(WINDOW));
                    return Response.status(status)
                        .entity(
                            thread
                                .data("c", summary)
                                .data("name", ContactName.of(summary, msg))
                                .data("messages", oldestFirst)
                                .data("olderBefore", messages.nextBefore())
                                .data("paged", before != null)
                                .data("windowOpen", open)
                                .data("draft", draft == null ? "" : draft)
                                .data("replyError", replyError)
                                .data("clientMessageId", UUID.randomUUID().toString()))
                        .build();
                  });
            });
  }
}
