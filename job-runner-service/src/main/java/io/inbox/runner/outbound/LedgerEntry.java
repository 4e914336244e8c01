package io.inbox.runner.outbound;

import java.time.LocalDateTime;

/** A reserved send as the ledger holds it. */
public record LedgerEntry(
    long id,
    String status,
    String providerMessageId,
    String body,
    LocalDateTime lastAttemptAt,
    boolean created) {}
