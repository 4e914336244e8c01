package io.inbox.runner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Chat-completions answers, as OpenAI-compatible servers word them. */
public final class ModelStubs {

  public static final String PATH = "/v1/chat/completions";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelStubs() {}

  public static MappingBuilder chat() {
    return post(urlEqualTo(PATH));
  }

  /** The model's answer in the format asked for. */
  public static ResponseDefinitionBuilder decides(String reply, boolean handover, String reason) {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("reply", reply).put("handover", handover).put("reason", reason);
    return says(answer.toString());
  }

  /** Any text as the assistant's message, with token usage 120 in, 30 out. */
  public static ResponseDefinitionBuilder says(String content) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_700_000_000);
    body.put("model", "test-model");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", content);
    body.putObject("usage")
        .put("prompt_tokens", 120)
        .put("completion_tokens", 30)
        .put("total_tokens", 150);
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body.toString());
  }

  public static ResponseDefinitionBuilder error(int status) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"error\":{\"message\":\"status %d\",\"type\":\"server_error\",\"code\":null}}"
                .formatted(status));
  }
}
