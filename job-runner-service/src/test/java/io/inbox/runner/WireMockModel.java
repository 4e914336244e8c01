package io.inbox.runner;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on loopback standing in for an OpenAI-compatible chat-completions endpoint,
 * with ORCHESTRATOR=llm pointed at it and a system-prompt file of the business's facts.
 */
public class WireMockModel implements QuarkusTestResourceLifecycleManager {

  public static final String BUSINESS = "Bikes & Co sells and repairs bicycles in Lusaka.";

  /** What the tests set as ORCHESTRATOR_TIMEOUT. */
  public static final String TIMEOUT = "3s";

  private static WireMockServer server;

  /** Answers stubbed {@code withTransformers(Hold.NAME)} wait until {@link #release()}. */
  private static volatile CountDownLatch held = new CountDownLatch(1);

  public static WireMockServer server() {
    return server;
  }

  public static void release() {
    held.countDown();
  }

  public static void holdNext() {
    held = new CountDownLatch(1);
  }

  /** Holds an answer until the test releases it (at most 30 s). */
  public static class Hold implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "hold";

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      try {
        held.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return serveEvent.getResponseDefinition();
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }

  @Override
  public Map<String, String> start() {
    server =
        new WireMockServer(
            wireMockConfig().bindAddress("127.0.0.1").dynamicPort().extensions(new Hold()));
    server.start();
    try {
      Path prompt = Files.createTempFile("system-prompt", ".txt");
      Files.writeString(prompt, BUSINESS);
      prompt.toFile().deleteOnExit();
      return Map.of(
          "orchestrator.kind",
          "llm",
          "orchestrator.timeout",
          TIMEOUT,
          "orchestrator.llm.base-url",
          "http://127.0.0.1:" + server.port() + "/v1",
          "orchestrator.llm.api-key",
          "test-llm-key",
          "orchestrator.llm.model",
          "test-model",
          "orchestrator.llm.system-prompt-file",
          prompt.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    release();
    if (server != null) {
      server.stop();
    }
  }
}
