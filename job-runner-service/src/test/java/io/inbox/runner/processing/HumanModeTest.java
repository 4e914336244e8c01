package io.inbox.runner.processing;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.inbox.runner.CloudApiStubs.send;
import static io.inbox.runner.CloudApiStubs.sent;
import static io.inbox.runner.processing.OutboundJobsTest.cron;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inbox.domain.testing.LogLines;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.CloudApiStubs;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.inbox.runner.queue.ClaimedJob;
import io.inbox.runner.queue.JobQueue;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A conversation in HUMAN mode: the bot sends nothing, and its agents get one NEW_MESSAGE
 * notification until they read it, however many messages arrive and however many runners see them.
 */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class HumanModeTest {

  @Inject JobQueue queue;
  @Inject JobProcessor processor;

  WireMockServer api;

  @BeforeEach
  void reset() {
    Seed.clean();
    api = WireMockCloudApi.server();
    api.resetAll();
    api.stubFor(send().willReturn(sent("wamid.BOT")));
  }

  private int providerCalls() {
    return api.findAll(postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH))).size();
  }

  private static long unreadNewMessageNotifications() {
    return Seed.count(
        "SELECT count(*) FROM \"Notification\" WHERE type = 'NEW_MESSAGE' AND \"readAt\" IS NULL");
  }

  @Test
  void aCustomerMessageInHumanModeIsNotAnsweredAndRaisesOneNotificationUntilItIsRead()
      throws Exception {
    long first = Seed.job("+260777711059", "Ada", "wamid.IN1", "Is my parcel on its way?");
    long conversation =
        Long.parseLong(Seed.value("SELECT \"conversationId\" FROM \"OutboundJob\""));
    Seed.execute("UPDATE \"Conversation\" SET mode = 'HUMAN'");

    try (LogLines lines = LogLines.capture()) {
      cron()
          .body("jobRunnerResult.processed", equalTo(1))
          .body("jobRunnerResult.failed", equalTo(0));
      lines.await(
          "⏭️ [JOB-RUNNER] Job " + first + " needs no auto-reply: conversation in HUMAN mode",
          Duration.ofSeconds(5));
    }
    assertEquals("DONE", Seed.value("SELECT status FROM \"OutboundJob\" WHERE id = " + first));
    assertEquals(
        "New message from +********1059|Is my parcel on its way?",
        Seed.value(
            "SELECT title || '|' || body FROM \"Notification\" WHERE type = 'NEW_MESSAGE'"
                + " AND \"conversationId\" = "
                + conversation));

    // A second message while the first notification is unread: no second one.
    Seed.nextMessage(conversation, "wamid.IN2", "Hello?");
    cron().body("jobRunnerResult.processed", equalTo(1));
    assertEquals(1, Seed.count("SELECT count(*) FROM \"Notification\""));

    // Once the agent read it, the next message raises a new one, its preview cut at 100 chars.
    Seed.execute("UPDATE \"Notification\" SET \"readAt\" = (now() AT TIME ZONE 'UTC')");
    Seed.nextMessage(conversation, "wamid.IN3", "x".repeat(150));
    cron().body("jobRunnerResult.processed", equalTo(1));
    assertEquals(2, Seed.count("SELECT count(*) FROM \"Notification\" WHERE type = 'NEW_MESSAGE'"));
    assertEquals(
        "x".repeat(100), Seed.value("SELECT body FROM \"Notification\" WHERE \"readAt\" IS NULL"));

    assertEquals(3, Seed.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'"));
    assertEquals(0, providerCalls());
    assertEquals(0, Seed.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'"));
  }

  @Test
  void twoRunnersHandlingTwoMessagesOfAHandedOverConversationAtOnceRaiseOneNotification() {
    // Handed over by the previous release: status HANDOVER, mode still BOT.
    Seed.job("+260777711059", "Ada", "wamid.IN1", "Anyone there?");
    long conversation =
        Long.parseLong(Seed.value("SELECT \"conversationId\" FROM \"OutboundJob\""));
    Seed.execute("UPDATE \"Conversation\" SET status = 'HANDOVER', mode = 'BOT'");
    Seed.nextMessage(conversation, "wamid.IN2", "Hello?");

    List<ClaimedJob> claimed = queue.claim(2).await().atMost(Duration.ofSeconds(5));
    assertEquals(2, claimed.size());
    var results =
        Uni.combine()
            .all()
            .unis(processor.process(claimed.get(0)), processor.process(claimed.get(1)))
            .asTuple()
            .await()
            .atMost(Duration.ofSeconds(10));

    assertEquals(JobProcessor.Result.DONE, results.getItem1());
    assertEquals(JobProcessor.Result.DONE, results.getItem2());
    assertEquals(1, unreadNewMessageNotifications());
    assertEquals(0, providerCalls());
  }

  @Test
  void aConversationInBotModeIsAnsweredWithoutANotification() {
    Seed.job("+260777711059", "Ada", "wamid.IN1", "hello");

    cron().body("jobRunnerResult.processed", equalTo(1));

    assertEquals(1, providerCalls());
    assertEquals(0, unreadNewMessageNotifications());
    assertEquals(
        "SENT|bot",
        Seed.value("SELECT status || '|' || author FROM \"Message\" WHERE direction = 'OUTBOUND'"));
  }
}
