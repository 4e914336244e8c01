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

  private static RuleBasedOrchestrator orchestrator(boolean mediaHandover) {
    return new RuleBasedOrchestrator(
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

          public String mediaReply() {
            return "Got your file, {name}.";
          }

          public boolean mediaHandover() {
            return mediaHandover;
          }
        });
  }

  private final RuleBasedOrchestrator orchestrator = orchestrator(false);

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
  void everyTypeGetsItsAnswer() {
    Decision hours = new Decision("Hours for Ada", false);
    Decision media = new Decision("Got your file, Ada.", false);
    Decision person = new Decision("A person will help you, Ada.", true);
    record Row(String type, String text, String caption, Decision expected) {}
    for (Row row :
        List.of(
            new Row("reaction", "human", null, Decision.NONE),
            new Row("sticker", "[sticker]", null, Decision.NONE),
            new Row("system", "Ada changed number", null, Decision.NONE),
            new Row("unsupported", "[unsupported]", null, Decision.NONE),
            new Row("order", "[order]", null, Decision.NONE),
            new Row(null, "hours", null, Decision.NONE),
            new Row("button", "Opening hours", null, hours),
            new Row("interactive", "hours", null, hours),
            new Row("location", "[location] Shop", null, new Decision("Thanks Ada!", false)),
            new Row("image", "[image]", null, media),
            new Row("audio", "[audio]", " ", media),
            new Row("document", "[document] a.pdf", null, media),
            new Row("video", "your hours?", "your hours?", hours),
            new Row("image", "talk to an agent", "talk to an agent", person),
            // A file's text is its caption, never the placeholder body.
            new Row("image", "hours", "nice", new Decision("Thanks Ada!", false)))) {
      assertEquals(
          row.expected(),
          orchestrator.decideNow(inbound(row.type(), row.text(), row.caption(), "Ada")),
          row.toString());
    }
  }

  @Test
  void aFileWithoutACaptionGoesToAPersonWhenSoConfigured() {
    assertEquals(
        new Decision("A person will help you, Ada.", true),
        orchestrator(true).decideNow(inbound("image", "[image]", null, "Ada")));
    assertEquals(
        new Decision("Hours for Ada", false),
        orchestrator(true).decideNow(inbound("image", "hours", "hours", "Ada")));
  }

  @Test
  void noReplyToAReactionAndTheAsyncDecisionIsTheSame() {
    assertEquals(Decision.NONE, orchestrator.decideNow(inbound("reaction", "human", null, "Ada")));
    assertEquals(
        new Decision("Thanks Ada!", false),
        orchestrator.decide(inbound(Orchestrator.TEXT, "hi", null, "Ada")).await().indefinitely());
  }

  private Decision decide(String text, String name) {
    return orchestrator.decideNow(inbound(Orchestrator.TEXT, text, null, name));
  }

  private static Inbound inbound(String type, String text, String caption, String name) {
    return new Inbound(1, 2, 3, type, text, caption, name, "ACTIVE");
  }
}
