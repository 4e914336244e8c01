package io.inbox.runner.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrchestratorSelectionTest {

  private final RuleBasedOrchestrator rules =
      new RuleBasedOrchestrator(
          new OrchestratorRules() {
            public Map<String, Rule> rules() {
              return Map.of();
            }

            public String defaultReply() {
              return "Thanks!";
            }

            public List<String> handoverKeywords() {
              return List.of("human");
            }

            public String handoverReply() {
              return "A person will help.";
            }

            public String mediaReply() {
              return "Got your file.";
            }

            public boolean mediaHandover() {
              return false;
            }
          });

  @Test
  void rulesAreTheDefault() {
    assertSame(
        rules,
        new OrchestratorSelection().orchestrator(settings("rules", null, null), rules, null));
  }

  @Test
  void aLanguageModelWithoutItsEndpointOrModelRefusesTheStart() {
    for (OrchestratorSettings incomplete :
        List.of(
            settings("llm", null, "gpt-4o-mini"),
            settings("llm", "http://vllm:8000/v1", null),
            settings("llm", " ", "gpt-4o-mini"))) {
      IllegalStateException refused =
          assertThrows(
              IllegalStateException.class,
              () -> new OrchestratorSelection().orchestrator(incomplete, rules, null));
      assertEquals(
          "ORCHESTRATOR=llm needs LLM_BASE_URL and LLM_MODEL (an OpenAI-compatible chat-completions"
              + " endpoint and its model name); or set ORCHESTRATOR=rules.",
          refused.getMessage());
    }
  }

  @Test
  void anUnknownKindRefusesTheStart() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                new OrchestratorSelection().orchestrator(settings("gpt", null, null), rules, null));
    assertEquals("ORCHESTRATOR must be rules or llm, not \"gpt\"", refused.getMessage());
  }

  private static OrchestratorSettings settings(String kind, String baseUrl, String model) {
    return new OrchestratorSettings() {
      public String kind() {
        return kind;
      }

      public Duration timeout() {
        return Duration.ofSeconds(8);
      }

      public Duration runRetention() {
        return Duration.ofDays(30);
      }

      public String pruneInterval() {
        return "1h";
      }

      public Llm llm() {
        return new Llm() {
          public Optional<String> baseUrl() {
            return Optional.ofNullable(baseUrl);
          }

          public Optional<String> apiKey() {
            return Optional.empty();
          }

          public Optional<String> model() {
            return Optional.ofNullable(model);
          }

          public Optional<Path> systemPromptFile() {
            return Optional.empty();
          }

          public int contextMessages() {
            return 20;
          }

          public int contextTokens() {
            return 2000;
          }

          public int maxAnswerTokens() {
            return 1024;
          }
        };
      }
    };
  }
}
