package io.inbox.domain.inbox;

/**
 * {@code Conversation.mode}: who answers the customer. Held to the database by a CHECK constraint
 * derived from this enum ({@code ProductSchema}).
 */
public enum ConversationMode {
  /** The orchestrator answers every inbound message. */
  BOT,
  /**
   * A person answers (after a handover or a take-over): the runner sends no automatic reply, and a
   * customer message raises a Notification unless one for the conversation is still unread.
   */
  HUMAN
}
