package io.inbox.runner.queue;

/** The operators' alerts the runner raises (a job that failed, a handover). */
final class NotificationSql {

  private NotificationSql() {}

  /** An operator alert, e.g. a job that exhausted its attempts. */
  static final String NOTIFY_OPERATORS =
      """
      INSERT INTO "Notification" ("conversationId", "type", "title", "body", "createdAt")
      VALUES ($1, $2, $3, $4, (now() AT TIME ZONE 'UTC'))
      """;
}
