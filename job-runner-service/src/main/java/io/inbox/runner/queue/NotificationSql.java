package io.inbox.runner.queue;

/** The alerts the runner raises (a job that failed, a handover, a message for an agent). */
final class NotificationSql {

  private NotificationSql() {}

  /** An operator alert, e.g. a job that exhausted its attempts. */
  static final String NOTIFY_OPERATORS =
      """
      INSERT INTO "Notification" ("conversationId", "type", "title", "body", "createdAt")
      VALUES ($1, $2, $3, $4, (now() AT TIME ZONE 'UTC'))
      """;

  /**
   * A customer wrote to a conversation a person answers: one NEW_MESSAGE alert with the message's
   * first 100 characters, unless one for the conversation is still unread. The partial unique index
   * "Notification_unreadNewMessage_key" holds that for runners handling two messages of the
   * conversation at the same moment too: the second insert waits for the first's commit, then does
   * nothing. No storm of alerts while the agent has not looked.
   */
  static final String NOTIFY_NEW_MESSAGE =
      """
      INSERT INTO "Notification" ("conversationId", "type", "title", "body", "createdAt")
      VALUES ($1, 'NEW_MESSAGE', $2, left($3, 100), (now() AT TIME ZONE 'UTC'))
      ON CONFLICT ("conversationId") WHERE "type" = 'NEW_MESSAGE' AND "readAt" IS NULL DO NOTHING
      """;
}
