package io.inbox.domain.queue;

/**
 * {@code OutboundJob.kind}: what the runner sends for a job. Held to the database by a CHECK
 * constraint derived from this enum ({@code ProductSchema}).
 */
public enum JobKind {
  /** The bot's answer to one inbound message: the orchestrator decides the text. */
  REPLY,
  /**
   * An agent's message, written by admin-service as a PENDING Message row before it is queued: the
   * runner sends that row's text, never asks the orchestrator, and sends it in HUMAN mode too.
   */
  AGENT_REPLY,
  /**
   * A named template an agent sends (admin API), written as a PENDING Message row whose details
   * hold the template's name, language and parameters: sent outside the 24-hour window too.
   */
  TEMPLATE
}
