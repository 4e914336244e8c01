package io.inbox.runner.outbound;

import io.inbox.domain.queue.LedgerStatus;
import java.time.Duration;

/**
 * A reserved send as the ledger holds it. {@code error}: why it was not sent or failed (Meta's
 * answer), null while none; {@code attempts}: provider calls made for it so far; {@code
 * reconcileIn}: how long, by the database's clock, an unconfirmed send still waits for Meta's
 * status before it may be sent again (zero or negative: now).
 */
public record LedgerEntry(
    long id,
    LedgerStatus status,
    String providerMessageId,
    String body,
    String error,
    int attempts,
    Duration reconcileIn,
    boolean created) {}
