package io.inbox.runner.cron;

/** The runbook's cron answer, field for field and in its order. */
public record CronResponse(
    boolean ok,
    String message,
    JobRunnerResult jobRunnerResult,
    String requestId,
    String authMethod,
    String elapsed) {

  /** {@code processed}: jobs taken in this batch; {@code failed}: those that did not complete. */
  public record JobRunnerResult(boolean ok, int processed, int failed) {}
}
