package io.inbox.runner.outbound;

/** What a handover writes beside its reply: the conversation goes to a person, with a Task. */
final class HandoverSql {

  private HandoverSql() {}

  /**
   * The conversation goes to a person: status HANDOVER and mode HUMAN, changed by the bot. A mode
   * that is HUMAN already (an agent took over meanwhile) keeps who changed it and when.
   */
  static final String START_HANDOVER =
      """
      UPDATE "Conversation"
         SET "status" = 'HANDOVER', "mode" = 'HUMAN',
             "modeChangedAt" = CASE WHEN "mode" = 'HUMAN' THEN "modeChangedAt"
                                    ELSE (now() AT TIME ZONE 'UTC') END,
             "modeChangedBy" = CASE WHEN "mode" = 'HUMAN' THEN "modeChangedBy" ELSE 'bot' END,
             "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1 AND ("status" <> 'HANDOVER' OR "mode" <> 'HUMAN')
      """;

  static final String CREATE_TASK =
      """
      INSERT INTO "Task" ("conversationId", "title", "status", "dueAt", "createdAt", "updatedAt")
      VALUES ($1, $2, 'OPEN', (now() AT TIME ZONE 'UTC') + interval '1 hour',
              (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))
      """;
}
