package io.inbox.runner.processing;

/** What a job needs to answer: the conversation, its contact and the inbound message. */
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
