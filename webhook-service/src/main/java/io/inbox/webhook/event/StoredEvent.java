package io.inbox.webhook.event;

/**
 * A stored webhook event as replay needs it. {@code body}: the JSON payload, or the raw text of a
 * body that could not be parsed; null when neither was kept. {@code processedCleanly}: processed,
 * and every message and status in it handled.
 */
public record StoredEvent(long id, String body, boolean signatureValid, boolean processedCleanly) {}
