package io.inbox.runner.retention;

/**
 * Retention's deletes. Each takes one batch ($2 rows) older than $1 seconds; rows another runner is
 * deleting are skipped, not waited for (SKIP LOCKED), so two runners share the work instead of
 * queueing behind each other. Every reference to a row deleted here is RESTRICT, so each statement
 * leaves out rows something still points at instead of failing the batch.
 */
final class RetentionSql {

  private RetentionSql() {}

  /**
   * Stored webhook bodies, oldest first (WebhookEvent_receivedAt_idx). Nothing references them;
   * only replay reads them, and an event this old has long been processed or given up on.
   */
  static final String WEBHOOK_EVENTS =
      """
      DELETE FROM "WebhookEvent" WHERE "id" IN (
        SELECT "id" FROM "WebhookEvent"
         WHERE "receivedAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $1)
         ORDER BY "receivedAt"
         LIMIT $2
           FOR UPDATE SKIP LOCKED)
      """;

  /**
   * Closed ledger rows: SENT or FAILED, and their job DONE (a terminal status: nothing reopens a
   * DONE job, so nothing will read the row to decide whether to send). Never an open one: PENDING,
   * SENDING and UNKNOWN rows guard a send whose outcome is still being decided, and a closed row of
   * a FAILED job is what an admin retry reads to record instead of resend. Rows without a job are
   * the earlier system's. No ORDER BY: no index on "updatedAt", and the heap is roughly in
   * insertion order, so the scan stops after the first $2 old rows instead of sorting the table.
   */
  static final String LEDGER =
      """
      DELETE FROM "OutboundMessageLog" WHERE "id" IN (
        SELECT l."id" FROM "OutboundMessageLog" l
         WHERE l."status" IN ('SENT', 'FAILED')
           AND l."updatedAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $1)
           AND (l."outboundJobId" IS NULL
                OR EXISTS (SELECT 1 FROM "OutboundJob" j
                            WHERE j."id" = l."outboundJobId" AND j."status" = 'DONE'))
         LIMIT $2
           FOR UPDATE OF l SKIP LOCKED)
      """;

  /**
   * DONE and CANCELLED jobs no ledger row and no OrchestratorRun points at any more (both RESTRICT,
   * OutboundMessageLog_outboundJobId_idx): a job goes once {@link #LEDGER} and the orchestrator's
   * own retention took those. Its Messages stay (the job points at them, not the other way). Served
   * by OutboundJob_status_runAt_idx.
   */
  static final String JOBS =
      """
      DELETE FROM "OutboundJob" WHERE "id" IN (
        SELECT j."id" FROM "OutboundJob" j
         WHERE j."status" IN ('DONE', 'CANCELLED')
           AND j."updatedAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $1)
           AND NOT EXISTS (SELECT 1 FROM "OutboundMessageLog" l WHERE l."outboundJobId" = j."id")
           AND NOT EXISTS (SELECT 1 FROM "OrchestratorRun" r WHERE r."outboundJobId" = j."id")
         LIMIT $2
           FOR UPDATE OF j SKIP LOCKED)
      """;
}
