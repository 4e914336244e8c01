package io.inbox.runner.orchestrator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Which orchestrator answers, and the language model's settings. The rules themselves are {@link
 * OrchestratorRules} (same prefix).
 */
@ConfigMapping(prefix = "orchestrator")
public interface OrchestratorSettings {

  /** ORCHESTRATOR: {@code rules} (keyword rules only) or {@code llm} (a model, the rules below). */
  @WithDefault("rules")
  String kind();

  /** ORCHESTRATOR_TIMEOUT: the model's answer after this long is not awaited; the rules answer. */
  @WithDefault("8s")
  Duration timeout();

  /** ORCHESTRATOR_RUN_RETENTION: OrchestratorRun rows older than this are deleted. */
  @WithDefault("30d")
  Duration runRetention();

  /** How often old OrchestratorRun rows are deleted (a Quarkus {@code every} value). */
  @WithDefault("1h")
  String pruneInterval();

  /** The OpenAI-compatible chat-completions endpoint. */
  Llm llm();

  /** The model's endpoint, and what it is told. */
  interface Llm {

    /** LLM_BASE_URL: e.g. {@code https://api.openai.com/v1} or {@code http://vllm:8000/v1}. */
    Optional<String> baseUrl();

    /** LLM_API_KEY: sent as a bearer token (local servers often need none). */
    Optional<String> apiKey();

    /** LLM_MODEL: the model name the endpoint knows. */
    Optional<String> model();

    /**
     * LLM_SYSTEM_PROMPT_FILE: the business's facts and tone, in plain text; the answer format and
     * the rules the model must keep are added by the code.
     */
    Optional<Path> systemPromptFile();

    /** The conversation's last messages (both directions) sent as context, at most. */
    @WithDefault("20")
    int contextMessages();

    /** Their budget in tokens (counted as characters / 4); the newest are kept. */
    @WithDefault("2000")
    int contextTokens();

    /** The most tokens the model may answer with. */
    @WithDefault("1024")
    int maxAnswerTokens();
  }
}
