package io.inbox.webhook.ingest;

/** What one inbound message became: its job, and whether Meta had delivered it before. */
public record EnqueuedJob(long jobId, long conversationId, boolean wasDuplicate) {}
