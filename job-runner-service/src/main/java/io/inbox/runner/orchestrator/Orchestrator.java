package io.inbox.runner.orchestrator;

/**
 * Decides the reply to an inbound message. Must be deterministic for the same input: a retried job
 * asks again and must get the same answer, or the ledger's dedupe key would guard a different text.
 */
public interface Orchestrator {

  Decision decide(Inbound inbound);

  /** What the orchestrator sees. */
  record Inbound(String text, String contactName, String conversationStatus) {}

  /** The reply, and whether a person takes the conversation over. */
  record Decision(String reply, boolean handover) {}
}
