package io.inbox.runner.queue;

import io.inbox.domain.queue.JobKind;

/**
 * A job this worker holds, with the lease epoch that every later write of it must carry, and its
 * context (null when its conversation or contact is gone). {@code outboundMessageId}: an agent
 * reply's own Message row, null for the bot's replies. {@code traceparent}: the trace of the
 * webhook that queued it (null when none), which the job's work continues.
 */
public record ClaimedJob(
    long id,
    long conversationId,
    String inboundProviderMessageId,
    JobKind kind,
    Long outboundMessageId,
    int attempt,
    int maxAttempts,
    int leaseEpoch,
    boolean rescued,
    JobContext context,
    String traceparent) {

  /** For log lines: {@code job_<id>_<epoch>}, the runbook's per-job request id. */
  public String requestId() {
    return "job_" + id + "_" + leaseEpoch;
  }

  public boolean lastAttempt() {
    return attempt >= maxAttempts;
  }
}
