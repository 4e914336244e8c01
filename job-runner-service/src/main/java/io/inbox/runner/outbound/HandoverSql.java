package io.inbox.runner.outbound;

/** What a handover writes beside its reply: the conversation goes to a person, with a Task. */
final class HandoverSql {

  private HandoverSql() {}

  static final String START_HANDOVER =
      """
      UPDATE "Conversation" SET "status" = 'HANDOVER', "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1 AND "status" <> 'HANDOVER'
      """;

  static final String CREATE_TASK =
      """
      INSERT INTO "Task" ("conversationId", "title", "status", "dueAt", "createdAt", "updatedAt")
      VALUES ($1, $2, 'OPEN', (now() AT TIME ZONE 'UTC') + interval '1 hour',
              (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))
      """;
}
