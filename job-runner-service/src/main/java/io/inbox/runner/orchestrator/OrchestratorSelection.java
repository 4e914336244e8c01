package io.inbox.runner.orchestrator;

import io.inbox.runner.orchestrator.llm.LlmOrchestrator;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Chooses the orchestrator from {@code ORCHESTRATOR}. A language model that is not configured
 * refuses the start instead of answering every message with the rules unnoticed.
 */
public class OrchestratorSelection {

  /** Created at start, so a misconfigured model fails the start, not the first reply. */
  @Produces
  @Singleton
  @Startup
  Orchestrator orchestrator(
      OrchestratorSettings settings, RuleBasedOrchestrator rules, Instance<LlmOrchestrator> llm) {
    switch (settings.kind()) {
      case "rules":
        return rules;
      case "llm":
        if (settings.llm().baseUrl().filter(u -> !u.isBlank()).isEmpty()
            || settings.llm().model().filter(m -> !m.isBlank()).isEmpty()) {
          throw new IllegalStateException(
              "ORCHESTRATOR=llm needs LLM_BASE_URL and LLM_MODEL (an OpenAI-compatible"
                  + " chat-completions endpoint and its model name); or set ORCHESTRATOR=rules.");
        }
        return llm.get();
      default:
        throw new IllegalStateException(
            "ORCHESTRATOR must be rules or llm, not \"" + settings.kind() + "\"");
    }
  }
}
