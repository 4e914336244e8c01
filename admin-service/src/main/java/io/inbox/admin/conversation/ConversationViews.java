package io.inbox.admin.conversation;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the inbox API answers about conversations. */
public final class ConversationViews {

  private ConversationViews() {}

  public record Contact(long id, String phone, String name) {}

  public record LastMessage(String body, String direction, Instant createdAt) {}

  /**
   * A row of the inbox; {@code mode} says who answers (BOT or HUMAN), {@code assignee} which agent.
   */
  @Schema(name = "Conversation")
  public record Summary(
      long id,
      String status,
      String channel,
      String mode,
      String assignee,
      Instant modeChangedAt,
      String modeChangedBy,
      Contact contact,
      LastMessage lastMessage,
      long unreadCount,
      Instant lastInboundAt,
      Instant lastReadAt,
      Instant updatedAt,
      Instant deletedAt) {}

  /**
   * One message of a thread. {@code type} is its WhatsApp type; {@code hasMedia}: its file streams
   * from {@code GET /api/admin/messages/{id}/media}; location fields are null for other types.
   */
  public record Message(
      long id,
      String direction,
      String body,
      String status,
      String author,
      String error,
      String providerMessageId,
      Instant createdAt,
      Instant statusUpdatedAt,
      String type,
      boolean hasMedia,
      String mimeType,
      String filename,
      String caption,
      Double latitude,
      Double longitude,
      String locationName,
      String locationAddress,
      String contextMessageId) {}

  /** One conversation with a page of its messages, oldest first. */
  @Schema(name = "ConversationDetail")
  public record Detail(
      Summary conversation, List<Message> messages, int page, int limit, boolean hasMore) {}

  /**
   * A page of a conversation's thread, newest first. {@code nextBefore} is the cursor for the next
   * (older) page: pass it as {@code before}; null when this page reaches the first message.
   */
  public record Thread(long conversationId, List<Message> messages, Long nextBefore) {}

  /** The answer to a soft delete or restore. */
  public record Deletion(long id, Instant deletedAt, long cancelledJobs) {}
}
