package io.inbox.admin.events;

/** What the live stream carries to a client. */
sealed interface Signal {

  /** A change, sent as an SSE event with the InboxEvent's id. */
  record Event(InboxEvent event) implements Signal {}

  /**
   * More was missed than is replayed: the client reloads what it shows. {@code upTo} is the newest
   * event id when this was decided, sent as the SSE id so a reconnect resumes after it.
   */
  record Resync(long upTo) implements Signal {}

  /** A comment line that keeps proxies from closing an idle connection. */
  record KeepAlive() implements Signal {}

  /** A comment line: the replay is over, what follows is live. */
  record Live() implements Signal {}
}
