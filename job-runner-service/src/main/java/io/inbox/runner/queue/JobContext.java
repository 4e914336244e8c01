package io.inbox.runner.queue;

import io.inbox.domain.inbox.ConversationMode;
import io.inbox.runner.channel.ReengagementTemplate;
import io.inbox.runner.channel.SendingChannel;

/**
 * What a job needs to answer: the conversation, its contact and the inbound message, read by the
 * claim itself. {@code inboundMessageId} is null when the message is missing; {@code inboundType}
 * and {@code inboundCaption} are its WhatsApp type and a file's caption; {@code agentReplyBody} is
 * the text of an agent's reply or template (its Message row), null for the bot's replies, and
 * {@code outboundDetails} that row's details (a template and its values). {@code channel}: the
 * number it is sent from; {@code windowOpen}: whether the customer wrote within 24 hours; {@code
 * reengagement}: the channel's template for a closed window, null when it has none.
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
    String agentReplyBody,
    String outboundDetails,
    boolean windowOpen,
    SendingChannel channel,
    ReengagementTemplate reengagement) {

  /**
   * A person answers this conversation: no automatic reply. A HANDOVER status counts too: the
   * previous release handed conversations over without setting the mode.
   */
  public boolean humanMode() {
    return ConversationMode.HUMAN.name().equals(conversationMode)
        || "HANDOVER".equals(conversationStatus);
  }
}
