package io.inbox.admin.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.inbox.admin.AdminDb.admin;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inbox.admin.AdminDb;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(WireMockGraph.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class ChannelHealthTest {

  WireMockServer graph;
  long sales;

  @BeforeEach
  void aChannelWithItsToken() {
    ChannelDb.clean();
    graph = WireMockGraph.server();
    graph.resetAll();
    sales = ChannelDb.channel("sales", "111", "WHATSAPP_TOKEN_SALES");
  }

  @Test
  void theNumbersRatingTierAndStatusComeFromTheGraphApiWithTheChannelsToken() {
    graph.stubFor(
        get(urlPathEqualTo("/v21.0/111"))
            .withQueryParam("fields", equalTo(ChannelHealth.FIELDS))
            .withHeader("Authorization", equalTo("Bearer test-sales-token"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"quality_rating\":\"YELLOW\",\"messaging_limit_tier\":\"TIER_1K\","
                            + "\"status\":\"CONNECTED\",\"display_phone_number\":\"+1 555-010-0001\","
                            + "\"name_status\":\"APPROVED\",\"id\":\"111\"}")));

    health(sales)
        .statusCode(200)
        .body("qualityRating", is("YELLOW"))
        .body("messagingLimitTier", is("TIER_1K"))
        .body("status", is("CONNECTED"))
        .body("nameStatus", is("APPROVED"))
        .body("paused", is(false));

    AdminDb.execute(
        "UPDATE \"Channel\" SET \"pausedAt\" = now(), \"pausedReason\" = 'token expired' WHERE id = "
            + sales);
    health(sales)
        .statusCode(200)
        .body("paused", is(true))
        .body("pausedReason", is("token expired"));
  }

  @Test
  void metasRefusalIs502WithMetasMessage() {
    graph.stubFor(
        get(urlPathEqualTo("/v21.0/111"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Error validating access token: Session has"
                            + " expired\",\"type\":\"OAuthException\",\"code\":190}}")));

    health(sales)
        .statusCode(502)
        .body("error", is("Graph API: Error validating access token: Session has expired"));
  }

  @Test
  void aMissingTokenIs409AndMetaIsNotAsked() {
    long support = ChannelDb.channel("support", "222", "WHATSAPP_TOKEN_SUPPORT");

    health(support)
        .statusCode(409)
        .body("error", is("token not configured: WHATSAPP_TOKEN_SUPPORT"));
    admin().get("/api/admin/channels/999/health").then().statusCode(404);
    graph.verify(0, getRequestedFor(urlPathEqualTo("/v21.0/222")));
  }

  private static io.restassured.response.ValidatableResponse health(long channel) {
    return admin().get("/api/admin/channels/" + channel + "/health").then();
  }
}
