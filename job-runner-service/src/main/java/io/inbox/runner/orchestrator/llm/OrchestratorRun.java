package io.inbox.runner.orchestrator.llm;

import io.inbox.runner.orchestrator.Orchestrator.Decision;

/**
 * One decision of the language-model orchestrator, as stored for audit and for the job's later
 * attempts. {@code model}, {@code prompt}, tokens and latency are null when no model was asked.
 */
record OrchestratorRun(
    long jobId,
    long conversationId,
    String model,
    String prompt,
    String answer,
    Source source,
    FallbackCause fallbackCause,
    Decision decision,
    String reason,
    Integer tokensIn,
    Integer tokensOut,
    Long latencyMs) {

  /** Who decided. */
  enum Source {
    MODEL,
    RULES
  }
}
