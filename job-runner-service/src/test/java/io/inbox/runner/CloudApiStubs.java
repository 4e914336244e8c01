package io.inbox.runner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/** Cloud API answers, as Meta words them. */
public final class CloudApiStubs {

  public static final String SEND_PATH = "/v21.0/1234567890/messages";

  private CloudApiStubs() {}

  public static MappingBuilder send() {
    return post(urlEqualTo(SEND_PATH));
  }

  public static ResponseDefinitionBuilder sent(String wamid) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"messaging_product":"whatsapp","contacts":[{"input":"x","wa_id":"x"}],"messages":[{"id":"%s"}]}
            """
                .formatted(wamid));
  }

  public static ResponseDefinitionBuilder error(int status, int code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"error":{"message":"%s","type":"OAuthException","code":%d,"fbtrace_id":"Abc"}}
            """
                .formatted(message, code));
  }

  /** Answers each given response in turn, then the last one for ever. */
  public static void inTurn(ResponseDefinitionBuilder... responses) {
    String state = Scenario.STARTED;
    for (int i = 0; i < responses.length; i++) {
      String next = i == responses.length - 1 ? state : "answer-" + (i + 1);
      WireMockCloudApi.server()
          .stubFor(
              send()
                  .inScenario("turns")
                  .whenScenarioStateIs(state)
                  .willReturn(responses[i])
                  .willSetStateTo(next));
      state = next;
    }
  }
}
