package io.inbox.runner.orchestrator;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.inbox.runner.CloudApiStubs.send;
import static io.inbox.runner.CloudApiStubs.sent;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.CloudApiStubs;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The claim reads the inbound message's type and caption, and the job answers by them. */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class InboundTypesJobTest {

  WireMockServer api;

  @BeforeEach
  void reset() {
    Seed.clean();
    api = WireMockCloudApi.server();
    api.resetAll();
    api.stubFor(send().willReturn(sent("wamid.OUT")));
  }

  @Test
  void aReactionCompletesItsJobWithoutASend() {
    long jobId = Seed.job("+260777711059", "Ada", "wamid.R", "\uD83D\uDC4D");
    typed("wamid.R", "reaction", null);
    run();
    assertEquals("DONE", Seed.value("SELECT status FROM \"OutboundJob\" WHERE id = " + jobId));
    assertEquals(0, Seed.count("SELECT count(*) FROM \"OutboundMessageLog\""));
    api.verify(0, postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH)));
  }

  @Test
  void aFileWithoutACaptionGetsTheMediaReplyAndACaptionIsReadAsText() {
    Seed.job("+260777711059", "Ada", "wamid.IMG", "[image]");
    typed("wamid.IMG", "image", null);
    run();
    assertEquals(
        "Thanks Ada! We received your file; someone from our team will look at it.",
        Seed.value("SELECT body FROM \"OutboundMessageLog\""));

    Seed.clean();
    Seed.job("+260777711059", "Ada", "wamid.VID", "what are your opening hours?");
    typed("wamid.VID", "video", "what are your opening hours?");
    run();
    assertEquals(
        "Hi Ada! We are open Monday to Friday, 9:00 to 18:00.",
        Seed.value("SELECT body FROM \"OutboundMessageLog\""));
  }

  private static void typed(String wamid, String type, String caption) {
    Seed.execute(
        "UPDATE \"Message\" SET type = '"
            + type
            + "', caption = "
            + (caption == null ? "NULL" : "'" + caption + "'")
            + " WHERE \"providerMessageId\" = '"
            + wamid
            + "'");
  }

  private static void run() {
    given()
        .header("X-Cron-Secret", "test-cron-secret")
        .get("/api/cron/run-outbound-jobs")
        .then()
        .statusCode(200);
  }
}
