package io.inbox.domain.queue;

/**
 * {@code OutboundJob.status}. The database holds these names (a CHECK constraint derived from this
 * enum, see {@code ProductSchema}), so renaming a constant is a migration.
 */
public enum JobStatus {
  /** Due at {@code runAt}; the runner claims it. */
  QUEUED,
  /** Claimed under a lease ({@code lockedAt}, {@code lockedBy}, {@code leaseEpoch}). */
  RUNNING,
  /** The reply was sent and recorded. */
  DONE,
  /** Permanently failed or out of attempts; the admin API can queue it again. */
  FAILED,
  /** Its conversation was soft-deleted while it was queued (admin-service); never claimed. */
  CANCELLED
}
