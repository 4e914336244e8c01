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
   * the message's WhatsApp type ({@link InboundKind} says how each is answered); {@code text} its
   * readable body; {@code caption} a file's caption, null for other types or a file without one.
   */
  record Inbound(
      long jobId,
      long conversationId,
      long messageId,
      String type,
      String text,
      String caption,
      String contactName,
      String conversationStatus) {

    /** A file with nothing to read: no rule or model can answer what it shows. */
    public boolean uncaptionedMedia() {
      return InboundKind.of(type) == InboundKind.MEDIA && (caption == null || caption.isBlank());
    }

    /** What the rules and the model read: a file's caption, any other type's text. */
    public String readable() {
      String read = InboundKind.of(type) == InboundKind.MEDIA ? caption : text;
      return read == null ? "" : read;
    }
  }

  /** The message type of a text message (and of every row stored before types were). */
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
