package io.inbox.runner.queue;

/**
 * What a job needs to answer: the conversation, its contact and the inbound message, read by the
 * claim itself. {@code inboundMessageId} is null when the message is missing.
 */
public record JobContext(
    long conversationId,
    String conversationStatus,
    boolean conversationDeleted,
    Long leadId,
    long contactId,
    String phone,
    String contactName,
    Long inboundMessageId,
    String inboundBody) {}
