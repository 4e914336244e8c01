package io.inbox.admin.conversation;

import java.time.Instant;
import java.util.List;

/** What the inbox API answers about conversations. */
public final class ConversationViews {

  private ConversationViews() {}

  public record Contact(long id, String phone, String name) {}

  public record LastMessage(String body, String direction, Instant createdAt) {}

  /** A row of the inbox. */
  public record Summary(
      long id,
      String status,
      String channel,
      Contact contact,
      LastMessage lastMessage,
      long unreadCount,
      Instant lastInboundAt,
      Instant updatedAt,
      Instant deletedAt) {}

  public record Message(
      long id,
      String direction,
      String body,
      String status,
      String providerMessageId,
      Instant createdAt) {}

  /** One conversation with a page of its messages, oldest first. */
  public record Detail(
      Summary conversation, List<Message> messages, int page, int limit, boolean hasMore) {}

  /** The answer to a soft delete or restore. */
  public record Deletion(long id, Instant deletedAt, long cancelledJobs) {}
}
