/**
 * The outbound queue: every statement that moves an OutboundJob or an OutboundMessageLog row, for
 * all three services, lives in this package, one class per concern: {@link JobEnqueueSql} (a job
 * made), {@link JobLeaseSql} (the runner's lease on it), {@link SendLedgerSql} (the send ledger and
 * Meta's statuses that close it) and {@link QueueAdminSql} (operators); {@link OutboundQueue} is
 * the contract between the services. The queue's state machine in one place, readable as SQL.
 * Timestamps are UTC without zone, as Prisma wrote them, and always the database's clock ({@code
 * now()}), never a JVM's. The statuses written here are {@link JobStatus} and {@link LedgerStatus}
 * names; {@code QueueSqlTest} holds every literal to those enums, which the CHECK constraints are
 * derived from too.
 *
 * <pre>
 * OutboundJob:        QUEUED ─claim→ RUNNING ─record→ DONE
 *                       ↑  ←retry──┘   └─fail→ FAILED ─admin retry→ QUEUED
 *                       └─(conversation soft-deleted; a closed 24-hour window without a template)→ CANCELLED
 * OutboundMessageLog: (reserve) SENDING ─record→ SENT
 *                       │  └─settle→ PENDING (not sent) | UNKNOWN (answer lost) | FAILED (refused)
 *                       └─ Meta's status webhook closes SENDING/UNKNOWN/PENDING → SENT | FAILED
 * Agent's Message:    (enqueue) PENDING ─record→ SENT (Meta's later statuses: the webhook)
 *                                  └─fail, or complete unsent→ FAILED with the reason
 * </pre>
 */
package io.inbox.domain.queue;
