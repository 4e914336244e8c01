package io.inbox.domain.queue;

/**
 * SQL that more than one statement of this package is built from, written once so those statements
 * cannot drift apart ({@code QueueSqlTest} checks that the ones built on {@link #jobDone} close a
 * job exactly as {@link JobLeaseSql#COMPLETE}).
 */
final class QueueSqlFragments {

  private QueueSqlFragments() {}

  /**
   * A job done, fenced: only the worker holding the lease epoch (${@code job}, ${@code epoch}) may
   * close it. Shared by {@link JobLeaseSql#COMPLETE}, {@link JobLeaseSql#COMPLETE_UNSENT} and
   * {@link SendLedgerSql#RECORD_SENT}.
   */
  static String jobDone(int job, int epoch) {
    return """
        UPDATE "OutboundJob"
           SET "status" = 'DONE', "lockedAt" = NULL, "lockedBy" = NULL, "lastError" = NULL,
               "updatedAt" = (now() AT TIME ZONE 'UTC')
         WHERE "id" = $%d AND "leaseEpoch" = $%d AND "status" = 'RUNNING'
        """
        .formatted(job, epoch);
  }

  /**
   * The agent's Message row of a job (the data-modifying CTE {@code job}, returning its
   * "outboundMessageId") that ends without a send: FAILED with the reason {@code error} (an SQL
   * expression), as the inbox shows it. A row Meta accepted (it has a provider id) is never marked
   * FAILED here. A bot's reply (no such row) is untouched. Shared by {@link JobLeaseSql#FAIL},
   * {@link JobLeaseSql#COMPLETE_UNSENT} and {@link QueueAdminSql#CANCEL_QUEUED_JOBS}.
   */
  static String agentReplyUnsent(String job, String error) {
    return """
        UPDATE "Message" m
           SET "status" = 'FAILED', "error" = %2$s, "statusUpdatedAt" = (now() AT TIME ZONE 'UTC')
          FROM %1$s
         WHERE m."id" = %1$s."outboundMessageId" AND m."providerMessageId" IS NULL
        """
        .formatted(job, error);
  }
}
