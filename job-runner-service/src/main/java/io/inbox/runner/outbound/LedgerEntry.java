package io.inbox.runner.outbound;

import java.time.Duration;

/**
 * A reserved send as the ledger holds it. {@code attempts}: provider calls made for it so far;
 * {@code reconcileIn}: how long, by the database's clock, an unconfirmed send still waits for
 * Meta's status before it may be sent again (zero or negative: now).
 */
public record LedgerEntry(
    long id,
    String status,
    String providerMessageId,
    String body,
    int attempts,
    Duration reconcileIn,
    boolean created) {}
