package io.inbox.runner.orchestrator.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.List;

/**
 * langchain4j's OpenAI chat client for one OpenAI-compatible endpoint. It blocks (its own HTTP
 * client): call it on a worker thread. It never retries: a failed call falls back to the rules.
 */
final class ModelClient {

  /** What came back: the text and what it cost. */
  record Answer(String text, Integer tokensIn, Integer tokensOut) {}

  private final ChatModel model;
  private final String modelName;

  ModelClient(String baseUrl, String apiKey, String modelName, Duration timeout, int maxTokens) {
    this.modelName = modelName;
    this.model =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            // Local servers (vLLM, Ollama) accept any key; the client demands one.
            .apiKey(apiKey == null || apiKey.isBlank() ? "none" : apiKey)
            .modelName(modelName)
            .timeout(timeout)
            .maxRetries(0)
            .maxTokens(maxTokens)
            .responseFormat(ResponseFormat.JSON)
            .build();
  }

  String modelName() {
    return modelName;
  }

  Answer chat(List<ChatContext.Turn> turns) {
    List<ChatMessage> messages =
        turns.stream()
            .<ChatMessage>map(
                t ->
                    switch (t.role()) {
                      case ChatContext.SYSTEM -> SystemMessage.from(t.text());
                      case ChatContext.ASSISTANT -> AiMessage.from(t.text());
                      default -> UserMessage.from(t.text());
                    })
            .toList();
    ChatResponse response = model.chat(ChatRequest.builder().messages(messages).build());
    TokenUsage usage = response.tokenUsage();
    return new Answer(
        response.aiMessage().text(),
        usage == null ? null : usage.inputTokenCount(),
        usage == null ? null : usage.outputTokenCount());
  }
}
