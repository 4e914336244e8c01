package io.inbox.runner.orchestrator;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The default orchestrator: handover words first, then keyword rules, then the default reply. */
@ApplicationScoped
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
  public Decision decide(Inbound inbound) {
    String text = inbound.text() == null ? "" : inbound.text();
    if (handover.matcher(text).find()) {
      return new Decision(fill(config.handoverReply(), inbound), true);
    }
    for (CompiledRule rule : rules) {
      if (rule.pattern().matcher(text).find()) {
        return new Decision(fill(rule.reply(), inbound), false);
      }
    }
    return new Decision(fill(config.defaultReply(), inbound), false);
  }

  private static String fill(String template, Inbound inbound) {
    String name =
        inbound.contactName() == null || inbound.contactName().isBlank()
            ? "there"
            : inbound.contactName();
    return template.replace("{name}", name);
  }
}
