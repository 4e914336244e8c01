package io.inbox.admin.conversation;

import io.inbox.admin.conversation.ConversationViews.Summary;
import io.inbox.admin.inbox.Conversation;
import io.inbox.admin.inbox.InboxSession;
import io.inbox.domain.inbox.ConversationMode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/**
 * Who answers a conversation and what its agent has seen: take-over (an agent answers, the bot
 * stays silent), release (back to the bot), read. Take-over and release are idempotent: asked
 * twice, the second changes nothing and answers the same.
 */
@ApplicationScoped
public class ConversationHandling {

  private final ConversationService conversations;

  public ConversationHandling(ConversationService conversations) {
    this.conversations = conversations;
  }

  /** HUMAN mode, HANDOVER status, assigned to {@code actor}. */
  @WithTransaction
  public Uni<Summary> takeOver(long id, String actor) {
    return change(id, actor, ConversationMode.HUMAN, "HANDOVER", actor);
  }

  /** BOT mode, ACTIVE status, nobody assigned. */
  @WithTransaction
  public Uni<Summary> release(long id, String actor) {
    return change(id, actor, ConversationMode.BOT, "ACTIVE", null);
  }

  /** Everything up to now (the database's clock) read: the unread count starts again from zero. */
  @WithTransaction
  public Uni<Summary> markRead(long id, String actor) {
    return live(id)
        .flatMap(
            conversation ->
                InboxSession.now()
                    .invoke(
                        now -> {
                          conversation.lastReadAt = now;
                          conversation.updatedAt = now;
                        }))
        .call(() -> Panache.getSession().flatMap(s -> s.flush()))
        .flatMap(now -> conversations.summary(id))
        .invoke(s -> Log.infof("👀 [ADMIN] Conversation %d read by %s", id, actor));
  }

  private Uni<Summary> change(
      long id, String actor, ConversationMode mode, String status, String assignee) {
    return live(id)
        .flatMap(
            conversation -> {
              if (conversation.mode == mode
                  && status.equals(conversation.status)
                  && Objects.equals(assignee, conversation.assignee)) {
                return Uni.createFrom().item(false);
              }
              return InboxSession.now()
                  .map(
                      now -> {
                        conversation.mode = mode;
                        conversation.status = status;
                        conversation.assignee = assignee;
                        conversation.modeChangedAt = now;
                        conversation.modeChangedBy = actor;
                        conversation.updatedAt = now;
                        return true;
                      });
            })
        .call(changed -> Panache.getSession().flatMap(s -> s.flush()))
        .invoke(
            changed -> {
              if (changed) {
                Log.infof("🙋 [ADMIN] Conversation %d set to %s by %s", id, mode, actor);
              }
            })
        .flatMap(changed -> conversations.summary(id));
  }

  /** Locked for the transaction; 404 when unknown or deleted. */
  private Uni<Conversation> live(long id) {
    return conversations
        .locked(id)
        .map(
            c -> {
              if (c.deletedAt != null) {
                throw ConversationService.notFound(id);
              }
              return c;
            });
  }
}
