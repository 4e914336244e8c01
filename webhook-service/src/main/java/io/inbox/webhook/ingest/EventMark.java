package io.inbox.webhook.ingest;

/**
 * The delivery's event, to be marked processed by the statement that ingests a message: {@code
 * error} as the event records it, null when every message and status of its body was handled.
 */
public record EventMark(long eventId, String error) {}
