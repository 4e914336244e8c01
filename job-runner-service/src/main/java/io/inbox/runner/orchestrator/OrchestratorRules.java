package io.inbox.runner.orchestrator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/**
 * The rule-based orchestrator's configuration: keyword rules, a default reply and the handover
 * words. Templates may use {@code {name}} (the contact's WhatsApp profile name, or "there").
 */
@ConfigMapping(prefix = "orchestrator")
public interface OrchestratorRules {

  /** Rules by name, tried in name order; the first whose pattern finds a match replies. */
  Map<String, Rule> rules();

  /** Sent when no rule matches. */
  @WithDefault("Thanks {name}! We got your message and will get back to you shortly.")
  String defaultReply();

  /** Words (case-insensitive, whole word) that hand the conversation to a person. */
  @WithDefault("agent,human,person,operator,representative")
  List<String> handoverKeywords();

  /** Sent when a person takes over. */
  @WithDefault("Thanks {name}, a person from our team will take over this conversation shortly.")
  String handoverReply();

  /**
   * Sent for an image, video, audio or document without a caption: there is no text to match a rule
   * against.
   */
  @WithDefault("Thanks {name}! We received your file; someone from our team will look at it.")
  String mediaReply();

  /** Whether a file without a caption goes to a person (the handover reply) instead. */
  @WithDefault("false")
  boolean mediaHandover();

  /** One keyword rule. */
  interface Rule {
    /** A Java regular expression, searched case-insensitively in the message. */
    String pattern();

    /** The reply template. */
    String reply();
  }
}
