package io.inbox.runner.orchestrator.llm;

/**
 * Every statement of the language-model orchestrator: its context, its stored decisions, pruning.
 */
final class OrchestratorRunSql {

  private OrchestratorRunSql() {}

  /**
   * The conversation's last messages up to the one being answered ($2), oldest first: what the
   * customer wrote, and what they actually got (a failed or still pending outbound row is not part
   * of the conversation they see). Served by Message_conversationId_createdAt_idx.
   */
  static final String HISTORY =
      """
      SELECT "direction", "body" FROM (
        SELECT "id", "direction", "body", "createdAt" FROM "Message"
         WHERE "conversationId" = $1 AND "id" <= $2
           AND ("direction" = 'INBOUND' OR "status" IN ('SENT', 'DELIVERED', 'READ'))
         ORDER BY "createdAt" DESC, "id" DESC
         LIMIT $3) recent
       ORDER BY "createdAt", "id"
      """;

  /**
   * The decision an earlier attempt of this job stored: a retried or rescued job reuses it instead
   * of asking the model again.
   */
  static final String STORED_DECISION =
      """
      SELECT "reply", "handover" FROM "OrchestratorRun" WHERE "outboundJobId" = $1
      """;

  /**
   * Stores a run and its decision, once per job (OrchestratorRun_outboundJobId_key): when two
   * workers raced on the job, no row comes back and the first decision, read with {@link
   * #STORED_DECISION}, is the one both use.
   */
  static final String STORE =
      """
      INSERT INTO "OrchestratorRun" ("outboundJobId", "conversationId", "model", "prompt", "answer",
                                     "source", "fallbackCause", "reply", "handover", "reason",
                                     "tokensIn", "tokensOut", "latencyMs", "createdAt")
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, (now() AT TIME ZONE 'UTC'))
      ON CONFLICT ("outboundJobId") DO NOTHING
      RETURNING "reply", "handover"
      """;

  /**
   * Retention: one batch of runs older than $1 seconds, oldest first
   * (OrchestratorRun_createdAt_idx); rows another pod is deleting are skipped, not waited for.
   */
  static final String PRUNE =
      """
      DELETE FROM "OrchestratorRun" WHERE "id" IN (
        SELECT "id" FROM "OrchestratorRun"
         WHERE "createdAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $1)
         ORDER BY "createdAt"
         LIMIT $2
           FOR UPDATE SKIP LOCKED)
      """;
}
