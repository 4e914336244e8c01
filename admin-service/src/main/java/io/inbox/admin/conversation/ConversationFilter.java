package io.inbox.admin.conversation;

/**
 * What the inbox list is narrowed to; a null field does not narrow. {@code q} matches the contact's
 * name, its phone in any form (only its digits count) and the text of its messages.
 */
public record ConversationFilter(
    boolean includeDeleted, String status, String mode, Boolean unread, String assignee, String q) {

  public static ConversationFilter all(boolean includeDeleted, String status) {
    return new ConversationFilter(includeDeleted, status, null, null, null, null);
  }
}
