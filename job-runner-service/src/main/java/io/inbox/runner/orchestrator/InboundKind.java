package io.inbox.runner.orchestrator;

/**
 * How a WhatsApp message type is answered. A reaction, a sticker or a system notice is not a
 * question, and an unsupported message has nothing we could read: none gets an automatic reply. A
 * file (image, video, audio, document) is read through its caption; without one, the rules' media
 * reply or a handover answers it.
 */
public enum InboundKind {
  /** Text, a button or list choice, a location, a contact card: answered by what it says. */
  READABLE,
  /** A file: its caption is read; without one there is nothing to read. */
  MEDIA,
  /** No automatic reply. */
  SILENT;

  /** Any type not listed here (new ones Meta adds) stays silent until it is read. */
  public static InboundKind of(String messageType) {
    if (messageType == null) {
      return SILENT;
    }
    return switch (messageType) {
      case "text", "button", "interactive", "location", "contacts" -> READABLE;
      case "image", "video", "audio", "document" -> MEDIA;
      default -> SILENT;
    };
  }
}
