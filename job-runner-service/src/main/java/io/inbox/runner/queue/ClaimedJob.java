package io.inbox.runner.queue;

/**
 * A job this worker holds, with the lease epoch that every later write of it must carry, and its
 * context (null when its conversation or contact is gone).
 */
public record ClaimedJob(
    long id,
    long conversationId,
    String inboundProviderMessageId,
    int attempt,
    int maxAttempts,
    int leaseEpoch,
    boolean rescued,
    JobContext context) {

  /** For log lines: {@code job_<id>_<epoch>}, the runbook's per-job request id. */
  public String requestId() {
    return "job_" + id + "_" + leaseEpoch;
  }

  public boolean lastAttempt() {
    return attempt >= maxAttempts;
  }
}
