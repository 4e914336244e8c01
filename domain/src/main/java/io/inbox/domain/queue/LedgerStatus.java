package io.inbox.domain.queue;

/**
 * {@code OutboundMessageLog.status}, the outbound ledger's state: PENDING → SENDING → SENT | FAILED
 * | UNKNOWN. The database holds these names (a CHECK constraint derived from this enum, see {@code
 * ProductSchema}), so renaming a constant is a migration.
 */
public enum LedgerStatus {
  /** Reserved by an earlier attempt that never reached the provider: safe to send. */
  PENDING,
  /** The provider is being called (or the caller died while calling it). */
  SENDING,
  /** The provider accepted it; never sent again. */
  SENT,
  /** The provider refused it. */
  FAILED,
  /** The provider's answer was lost: it may have gone out; the status webhook settles it. */
  UNKNOWN
}
