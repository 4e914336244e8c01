package io.inbox.runner.orchestrator;

/**
 * What no orchestrator may do, whatever a model or a customer says: reply to a message that is no
 * question ({@link InboundKind#SILENT}), or send more than Meta accepts in one text message.
 */
public final class GuardRails {

  /** Meta's limit for a text message's body, in characters. */
  public static final int MAX_REPLY_CHARS = 4096;

  private GuardRails() {}

  /** Reactions, stickers, system and unsupported messages get no automatic reply. */
  public static boolean answers(String messageType) {
    return InboundKind.of(messageType) != InboundKind.SILENT;
  }

  /** At most {@link #MAX_REPLY_CHARS}, never cutting a character in half. */
  public static String cap(String reply) {
    // "<" (pitest) is the same for any well-formed text: exactly 4,096 characters are kept whole.
    if (reply.length() <= MAX_REPLY_CHARS) {
      return reply;
    }
    int end = MAX_REPLY_CHARS;
    if (Character.isHighSurrogate(reply.charAt(end - 1))) {
      end--;
    }
    return reply.substring(0, end);
  }
}
