package io.inbox.runner.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.runner.orchestrator.Orchestrator.Decision;
import io.inbox.runner.orchestrator.Orchestrator.Inbound;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleBasedOrchestratorTest {

  private static OrchestratorRules.Rule rule(String pattern, String reply) {
    return new OrchestratorRules.Rule() {
      public String pattern() {
        return pattern;
      }

      public String reply() {
        return reply;
      }
    };
  }

  private final RuleBasedOrchestrator orchestrator =
      new RuleBasedOrchestrator(
          new OrchestratorRules() {
            public Map<String, Rule> rules() {
              return Map.of(
                  "b-price", rule("\\bprice\\b", "Prices for {name}"),
                  "a-hours", rule("\\bhours\\b", "Hours for {name}"));
            }

            public String defaultReply() {
              return "Thanks {name}!";
            }

            public List<String> handoverKeywords() {
              return List.of("human", "agent");
            }

            public String handoverReply() {
              return "A person will help you, {name}.";
            }
          });

  @Test
  void handoverWordsWinThenRulesInNameOrderThenTheDefault() {
    assertEquals(
        new Decision("A person will help you, Ada.", true),
        decide("HUMAN please, what price?", "Ada"));
    assertEquals(new Decision("Hours for Ada", false), decide("price and hours?", "Ada"));
    assertEquals(new Decision("Prices for Ada", false), decide("the PRICE", "Ada"));
    assertEquals(new Decision("Thanks there!", false), decide("hello", null));
    assertEquals(new Decision("Thanks Bo!", false), decide("humane society", "Bo"));
  }

  @Test
  void sameInputSameDecision() {
    assertEquals(decide("what are your hours", "Ada"), decide("what are your hours", "Ada"));
  }

  @Test
  void noReplyToAnythingButText() {
    assertEquals(Decision.NONE, orchestrator.decideNow(inbound("reaction", "human", "Ada")));
    assertEquals(
        new Decision("Thanks Ada!", false),
        orchestrator.decide(inbound(Orchestrator.TEXT, "hi", "Ada")).await().indefinitely());
  }

  private Decision decide(String text, String name) {
    return orchestrator.decideNow(inbound(Orchestrator.TEXT, text, name));
  }

  private static Inbound inbound(String type, String text, String name) {
    return new Inbound(1, 2, 3, type, text, name, "ACTIVE");
  }
}
