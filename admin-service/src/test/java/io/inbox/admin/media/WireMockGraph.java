package io.inbox.admin.media;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real HTTP server on loopback standing in for graph.facebook.com and its media host. */
public class WireMockGraph implements QuarkusTestResourceLifecycleManager {

  /** The size limit under test: small, so "too big" needs no large file. */
  static final int LIMIT = 4096;

  private static WireMockServer server;

  static WireMockServer server() {
    return server;
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    return Map.of(
        "admin.media.api-base-url",
        "http://127.0.0.1:" + server.port(),
        "admin.media.max-bytes",
        Integer.toString(LIMIT),
        "WHATSAPP_TOKEN",
        "test-token");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
