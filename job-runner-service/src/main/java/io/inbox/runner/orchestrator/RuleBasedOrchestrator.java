package io.inbox.runner.orchestrator;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The default orchestrator: handover words first, then keyword rules, then the default reply; a
 * file without a caption gets the media reply. Also the language model's floor: its answer when the
 * model fails, its handover words, and its answer to a file it cannot read.
 */
@ApplicationScoped
@Typed(RuleBasedOrchestrator.class)
public class RuleBasedOrchestrator implements Orchestrator {

  private record CompiledRule(Pattern pattern, String reply) {}

  private final OrchestratorRules config;
  private final List<CompiledRule> rules = new ArrayList<>();
  private final Pattern handover;

  public RuleBasedOrchestrator(OrchestratorRules config) {
    this.config = config;
    for (Map.Entry<String, OrchestratorRules.Rule> rule :
        new TreeMap<>(config.rules()).entrySet()) {
      rules.add(
          new CompiledRule(
              Pattern.compile(
                  rule.getValue().pattern(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
              rule.getValue().reply()));
    }
    List<String> words = config.handoverKeywords().stream().map(Pattern::quote).toList();
    this.handover =
        Pattern.compile(
            "\\b(" + String.join("|", words) + ")\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  @Override
  public Uni<Decision> decide(Inbound inbound) {
    return Uni.createFrom().item(decideNow(inbound));
  }

  /** The rules' decision, at once. */
  public Decision decideNow(Inbound inbound) {
    if (!GuardRails.answers(inbound.type())) {
      return Decision.NONE;
    }
    if (inbound.uncaptionedMedia()) {
      return media(inbound);
    }
    String text = inbound.readable();
    if (asksForPerson(text)) {
      return handover(inbound);
    }
    for (CompiledRule rule : rules) {
      if (rule.pattern().matcher(text).find()) {
        return new Decision(fill(rule.reply(), inbound), false);
      }
    }
    return new Decision(fill(config.defaultReply(), inbound), false);
  }

  /** Whether the message asks for a person in the handover words (whole words, any case). */
  public boolean asksForPerson(String text) {
    return text != null && handover.matcher(text).find();
  }

  /** The handover reply for this contact. */
  public Decision handover(Inbound inbound) {
    return new Decision(fill(config.handoverReply(), inbound), true);
  }

  /** A file without a caption: the media reply, or a person when so configured. */
  public Decision media(Inbound inbound) {
    return config.mediaHandover()
        ? handover(inbound)
        : new Decision(fill(config.mediaReply(), inbound), false);
  }

  private static String fill(String template, Inbound inbound) {
    String name =
        inbound.contactName() == null || inbound.contactName().isBlank()
            ? "there"
            : inbound.contactName();
    return template.replace("{name}", name);
  }
}
