package io.inbox.runner.outbound;

/**
 * The outbound idempotency ledger (OutboundMessageLog): PENDING → SENDING → SENT | FAILED |
 * UNKNOWN. A row is reserved before the provider is called; a row found SENT is never sent again.
 */
final class LedgerSql {

  private LedgerSql() {}

  /** Reserve the send, or find the earlier attempt's row; {@code xmax = 0} means it is new. */
  static final String RESERVE =
      """
      INSERT INTO "OutboundMessageLog"
             ("conversationId", "outboundJobId", "dedupeKey", "status", "recipient", "body", "attempts",
              "createdAt", "updatedAt")
      VALUES ($1, $2, $3, 'PENDING', $4, $5, 0, (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))
      ON CONFLICT ("dedupeKey") DO UPDATE SET "updatedAt" = "OutboundMessageLog"."updatedAt"
      RETURNING "id", "status", "providerMessageId", "body", "lastAttemptAt", (xmax = 0) AS "created"
      """;

  /**
   * Fenced: only the worker that holds the job's current lease may start a send. A rescued job's
   * old worker finds 0 rows here and sends nothing.
   */
  static final String START_SENDING =
      """
      UPDATE "OutboundMessageLog" l
         SET "status" = 'SENDING', "attempts" = l."attempts" + 1,
             "lastAttemptAt" = (now() AT TIME ZONE 'UTC'), "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE l."id" = $1 AND l."status" IN ('PENDING', 'UNKNOWN', 'SENDING')
         AND EXISTS (SELECT 1 FROM "OutboundJob" j
                      WHERE j."id" = $2 AND j."leaseEpoch" = $3 AND j."status" = 'RUNNING')
      """;

  /** A fact, not fenced: the message went out, whoever holds the job now. */
  static final String MARK_SENT =
      """
      UPDATE "OutboundMessageLog"
         SET "status" = 'SENT', "providerMessageId" = COALESCE("providerMessageId", $2), "error" = NULL,
             "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1
      """;

  /** Settles a send that did not succeed; never touches a row the status webhook already closed. */
  static final String SETTLE =
      """
      UPDATE "OutboundMessageLog"
         SET "status" = $2, "error" = $3, "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "id" = $1 AND "status" IN ('SENDING', 'PENDING')
      """;

  /** The row the inbox shows; unique providerMessageId makes it safe to write twice. */
  static final String INSERT_OUTBOUND_MESSAGE =
      """
      INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId", "status", "createdAt")
      VALUES ($1, 'OUTBOUND', $2, $3, 'SENT', (now() AT TIME ZONE 'UTC'))
      ON CONFLICT ("providerMessageId") DO NOTHING
      RETURNING "id"
      """;

  static final String FIND_MESSAGE =
      "SELECT \"id\" FROM \"Message\" WHERE \"providerMessageId\" = $1";

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
