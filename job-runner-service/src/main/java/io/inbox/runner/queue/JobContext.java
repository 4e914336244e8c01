package io.inbox.runner.queue;

import io.inbox.domain.inbox.ConversationMode;

/**
 * What a job needs to answer: the conversation, its contact and the inbound message, read by the
 * claim itself. {@code inboundMessageId} is null when the message is missing; {@code inboundType}
 * and {@code inboundCaption} are its WhatsApp type and a file's caption; {@code agentReplyBody} is
 * an agent reply's text (its Message row), null for the bot's replies.
 */
public record JobContext(
    long conversationId,
    String conversationStatus,
    String conversationMode,
    boolean conversationDeleted,
    Long leadId,
    long contactId,
    String phone,
    String contactName,
    Long inboundMessageId,
    String inboundBody,
    String inboundType,
    String inboundCaption,
    String agentReplyBody) {

  /**
   * A person answers this conversation: no automatic reply. A HANDOVER status counts too: the
   * previous release handed conversations over without setting the mode.
   */
  public boolean humanMode() {
    return ConversationMode.HUMAN.name().equals(conversationMode)
        || "HANDOVER".equals(conversationStatus);
  }
}
