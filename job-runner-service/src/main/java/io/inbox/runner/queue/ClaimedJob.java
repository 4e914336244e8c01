package io.inbox.runner.queue;

/** A job this worker holds, with the lease epoch that every later write of it must carry. */
public record ClaimedJob(
    long id,
    long conversationId,
    String inboundProviderMessageId,
    int attempt,
    int maxAttempts,
    int leaseEpoch,
    boolean rescued) {

  /** For log lines: {@code job_<id>_<epoch>}, the runbook's per-job request id. */
  public String requestId() {
    return "job_" + id + "_" + leaseEpoch;
  }

  public boolean lastAttempt() {
    return attempt >= maxAttempts;
  }
}
