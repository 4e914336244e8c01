package io.inbox.runner.orchestrator;

import io.smallrye.mutiny.Uni;

/**
 * Decides the reply to an inbound message. A retried job must get the same decision, or the
 * ledger's dedupe key would guard a different text: the rules are deterministic, and the language
 * model's decision is stored per job and reused. Never fails because a model did.
 */
public interface Orchestrator {

  Uni<Decision> decide(Inbound inbound);

  /**
   * What the orchestrator sees: the job, its conversation and the inbound message. {@code type} is
   * the message's WhatsApp type; only {@link #TEXT} exists in this schema so far, and the guard
   * rails give no reply to any other (reactions, system messages) once they are stored.
   */
  record Inbound(
      long jobId,
      long conversationId,
      long messageId,
      String type,
      String text,
      String contactName,
      String conversationStatus) {}

  /** The message type every stored message has today. */
  String TEXT = "text";

  /**
   * The reply, and whether a person takes the conversation over; {@link #NONE} when nothing is to
   * be sent.
   */
  record Decision(String reply, boolean handover) {

    public static final Decision NONE = new Decision(null, false);

    public boolean silent() {
      return reply == null;
    }
  }
}
