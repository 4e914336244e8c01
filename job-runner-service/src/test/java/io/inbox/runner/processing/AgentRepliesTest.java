package io.inbox.runner.processing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.inbox.runner.CloudApiStubs.error;
import static io.inbox.runner.CloudApiStubs.send;
import static io.inbox.runner.CloudApiStubs.sent;
import static io.inbox.runner.Seed.await;
import static io.inbox.runner.processing.OutboundJobsTest.cron;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inbox.domain.queue.JobEnqueueSql;
import io.inbox.domain.queue.QueueAdminSql;
import io.inbox.domain.queue.SendLedgerSql;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.CloudApiStubs;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.inbox.runner.queue.ClaimedJob;
import io.inbox.runner.queue.JobQueue;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent's reply, as admin-service queues it (ENQUEUE_AGENT_REPLY): sent once with the agent's
 * text through the same ledger as the bot's replies, and its own Message row, not a new one, shows
 * how it went.
 */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class AgentRepliesTest {

  /**
   * The enqueue statement without its wake-up (the NOTIFY counted by a harmless function instead),
   * so the test decides which runner claims the job and when.
   */
  private static final String ENQUEUE_WITHOUT_WAKE_UP =
      JobEnqueueSql.ENQUEUE_AGENT_REPLY.replace("pg_notify(", "concat(");

  @Inject Pool pool;
  @Inject JobQueue queue;
  @Inject JobProcessor processor;

  WireMockServer api;

  @BeforeEach
  void reset() {
    Seed.clean();
    api = WireMockCloudApi.server();
    api.resetAll();
  }

  private int providerCalls() {
    return api.findAll(postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH))).size();
  }

  /** What the agent's Message row shows: status|providerMessageId|author|error. */
  private static String agentMessage() {
    return Seed.value(
        "SELECT status || '|' || COALESCE(\"providerMessageId\", '-') || '|' || author || '|'"
            + " || COALESCE(error, '-') FROM \"Message\" WHERE \"clientMessageId\" = 'client-1'");
  }

  private static long outboundMessages() {
    return Seed.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'");
  }

  private long enqueue(String sql, long conversationId, String text) {
    return pool.preparedQuery(sql)
        .execute(Tuple.of(conversationId, "client-1", text, "bea"))
        .await()
        .atMost(Duration.ofSeconds(5))
        .iterator()
        .next()
        .getLong("messageId");
  }

  @Test
  void anAgentReplyIsSentOnceWithItsTextAndItsOwnMessageRowBecomesSent() throws Exception {
    long conversation = Seed.conversation("+260777711059", "Ada");
    api.stubFor(send().willReturn(sent("wamid.AGENT1")));

    long messageRow =
        enqueue(JobEnqueueSql.ENQUEUE_AGENT_REPLY, conversation, "Your order left today");

    // The enqueue's NOTIFY wakes the runner: no cron call needed.
    await(() -> "DONE".equals(Seed.value("SELECT status FROM \"OutboundJob\"")));
    String ledgerId = Seed.value("SELECT id FROM \"OutboundMessageLog\"");
    api.verify(
        1,
        postRequestedFor(urlEqualTo(CloudApiStubs.SEND_PATH))
            .withRequestBody(
                equalToJson(
                    """
                    {"messaging_product":"whatsapp","recipient_type":"individual","to":"+260777711059","type":"text",
                     "text":{"preview_url":false,"body":"Your order left today"},
                     "biz_opaque_callback_data":"outbound-log:%s"}
                    """
                        .formatted(ledgerId))));
    assertEquals("SENT|wamid.AGENT1|bea|-", agentMessage());
    assertEquals(
        String.valueOf(messageRow),
        Seed.value("SELECT id FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.AGENT1'"));
    assertEquals(1, outboundMessages(), "the agent's row is updated, no second row inserted");
    assertEquals(
        "SENT|wamid.AGENT1",
        Seed.value("SELECT status || '|' || \"providerMessageId\" FROM \"OutboundMessageLog\""));

    cron().body("jobRunnerResult.processed", equalTo(0));
    assertEquals(1, providerCalls());
  }

  @Test
  void recordingAnAgentReplyAgainFindsItsRowAndKeepsWhatMetaReportedSince() throws Exception {
    long conversation = Seed.conversation("+260777711059", "Ada");
    api.stubFor(send().willReturn(sent("wamid.TWICE")));
    long messageRow = enqueue(JobEnqueueSql.ENQUEUE_AGENT_REPLY, conversation, "Hi");
    await(() -> "DONE".equals(Seed.value("SELECT status FROM \"OutboundJob\"")));
    // Meta's "read" arrived through webhook-service meanwhile.
    Seed.execute("UPDATE \"Message\" SET status = 'READ' WHERE \"clientMessageId\" = 'client-1'");

    // The record statement runs again for the same send (a retried commit, a rescued job).
    var again =
        pool.preparedQuery(SendLedgerSql.RECORD_SENT)
            .execute(
                Tuple.tuple()
                    .addLong(Long.parseLong(Seed.value("SELECT id FROM \"OutboundMessageLog\"")))
                    .addString("wamid.TWICE")
                    .addLong(conversation)
                    .addString("Hi")
                    .addLong(Long.parseLong(Seed.value("SELECT id FROM \"OutboundJob\"")))
                    .addInteger(1)
                    .addLong(messageRow))
            .await()
            .atMost(Duration.ofSeconds(5))
            .iterator()
            .next();

    assertEquals(messageRow, again.getLong("messageRowId"));
    assertEquals(false, again.getBoolean("jobCompleted"));
    assertEquals("READ|wamid.TWICE|bea|-", agentMessage());
    assertEquals(1, outboundMessages());
  }

  @Test
  void anAgentReplyInAHumanConversationIsSent() throws Exception {
    long conversation = Seed.conversation("+260777711059", "Ada");
    Seed.execute("UPDATE \"Conversation\" SET mode = 'HUMAN', status = 'HANDOVER'");
    api.stubFor(send().willReturn(sent("wamid.AGENT2")));

    enqueue(JobEnqueueSql.ENQUEUE_AGENT_REPLY, conversation, "Hi, Bea here");

    await(() -> "DONE".equals(Seed.value("SELECT status FROM \"OutboundJob\"")));
    assertEquals("SENT|wamid.AGENT2|bea|-", agentMessage());
    assertEquals(1, providerCalls());
  }

  @Test
  void anAgentReplyRescuedWhileItsFirstRunnerStillWorksIsSentOnce() {
    assertNotEquals(JobEnqueueSql.ENQUEUE_AGENT_REPLY, ENQUEUE_WITHOUT_WAKE_UP);
    long conversation = Seed.conversation("+260777711059", "Ada");
    enqueue(ENQUEUE_WITHOUT_WAKE_UP, conversation, "Your order left today");
    api.stubFor(send().willReturn(sent("wamid.ONCE").withFixedDelay(500)));

    // Runner A claims the job and stalls before sending; its lease expires and runner B rescues it.
    List<ClaimedJob> a = queue.claim(1).await().atMost(Duration.ofSeconds(5));
    assertEquals(1, a.size());
    Seed.execute(
        "UPDATE \"OutboundJob\" SET \"lockedAt\" = (now() AT TIME ZONE 'UTC') - interval '5 minutes'");
    List<ClaimedJob> b = queue.claim(1).await().atMost(Duration.ofSeconds(5));
    assertEquals(1, b.size());

    // Both work on it at the same time.
    var results =
        io.smallrye.mutiny.Uni.combine()
            .all()
            .unis(processor.process(b.get(0)), processor.process(a.get(0)))
            .asTuple()
            .await()
            .atMost(Duration.ofSeconds(10));

    assertEquals(JobProcessor.Result.DONE, results.getItem1());
    assertEquals(JobProcessor.Result.LEASE_LOST, results.getItem2());
    assertEquals(1, providerCalls());
    assertEquals("SENT|wamid.ONCE|bea|-", agentMessage());
    assertEquals(1, outboundMessages());
    assertEquals(
        "DONE|2", Seed.value("SELECT status || '|' || \"leaseEpoch\" FROM \"OutboundJob\""));
  }

  @Test
  void anAgentReplyWhoseAnswerWasLostIsRecordedFromMetasStatusNotSentAgain() throws Exception {
    long conversation = Seed.conversation("+260777711059", "Ada");
    enqueue(ENQUEUE_WITHOUT_WAKE_UP, conversation, "Your order left today");
    // Slower than the read timeout (1.5 s in tests): Meta has it, the runner never hears so.
    api.stubFor(send().willReturn(sent("wamid.LOST").withFixedDelay(3_000)));

    cron();
    assertEquals("UNKNOWN", Seed.value("SELECT status FROM \"OutboundMessageLog\""));
    assertEquals("QUEUED", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertEquals("PENDING|-|bea|-", agentMessage());
    Seed.makeDue();
    cron();
    assertEquals(1, providerCalls(), "no resend before Meta's status or the reconcile window");

    // webhook-service applies Meta's "delivered" carrying our callback data, and wakes the job.
    long ledgerId = Long.parseLong(Seed.value("SELECT id FROM \"OutboundMessageLog\""));
    pool.withTransaction(
            c ->
                c.preparedQuery(SendLedgerSql.CLOSE_LEDGER_ROW)
                    .execute(Tuple.of(ledgerId, "wamid.LOST", "SENT", "DELIVERED", null))
                    .flatMap(
                        rows ->
                            c.preparedQuery(SendLedgerSql.WAKE_JOB)
                                .execute(
                                    Tuple.of(rows.iterator().next().getLong("outboundJobId")))))
        .await()
        .atMost(Duration.ofSeconds(5));

    await(() -> "DONE".equals(Seed.value("SELECT status FROM \"OutboundJob\"")));
    assertEquals("DELIVERED|wamid.LOST|bea|-", agentMessage());
    assertEquals(1, outboundMessages());
    assertEquals(1, providerCalls());
  }

  @Test
  void anAgentReplyMetaRefusesFailsItsJobAndItsMessageWithMetasReason() {
    long conversation = Seed.conversation("+260777711059", "Ada");
    enqueue(ENQUEUE_WITHOUT_WAKE_UP, conversation, "Your order left today");
    api.stubFor(send().willReturn(error(400, 131026, "Message undeliverable")));

    cron().body("jobRunnerResult.failed", equalTo(1));

    assertEquals("FAILED", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertEquals(
        "FAILED|-|bea|Failed to send outbound: HTTP 400 code 131026: Message undeliverable",
        agentMessage());
    assertEquals(
        Seed.value("SELECT \"lastError\" FROM \"OutboundJob\""),
        Seed.value("SELECT error FROM \"Message\" WHERE \"clientMessageId\" = 'client-1'"));
    assertEquals(1, Seed.count("SELECT count(*) FROM \"Notification\" WHERE type = 'JOB_FAILED'"));
    Seed.makeDue();
    cron();
    assertEquals(1, providerCalls());
    assertEquals(1, outboundMessages());
  }

  @Test
  void anAgentReplyOutsideTheWindowMetaStillRefusesFailsItsMessageAndAsksForATemplate() {
    long conversation = Seed.conversation("+260777711059", "Ada");
    enqueue(ENQUEUE_WITHOUT_WAKE_UP, conversation, "Your order left today");
    api.stubFor(send().willReturn(error(400, 131047, "Re-engagement message")));

    cron();

    assertEquals("FAILED", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertTrue(agentMessage().startsWith("FAILED|-|bea|"), agentMessage());
    assertTrue(agentMessage().contains("131047"), agentMessage());
    assertEquals(
        1,
        Seed.count("SELECT count(*) FROM \"Notification\" WHERE type = 'REENGAGEMENT_REQUIRED'"));
  }

  @Test
  void anAgentReplyOutOfAttemptsStaysPendingWhileRetriedThenFails() {
    long conversation = Seed.conversation("+260777711059", "Ada");
    enqueue(ENQUEUE_WITHOUT_WAKE_UP, conversation, "Your order left today");
    api.stubFor(send().willReturn(error(503, 2, "Service temporarily unavailable")));

    cron();
    assertEquals("QUEUED", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertEquals("PENDING|-|bea|-", agentMessage());
    Seed.makeDue();
    cron();
    Seed.makeDue();
    cron().body("jobRunnerResult.failed", equalTo(1));

    assertEquals("FAILED|3", Seed.value("SELECT status || '|' || attempts FROM \"OutboundJob\""));
    assertEquals(
        "FAILED|-|bea|Failed to send outbound: HTTP 503 code 2: Service temporarily unavailable",
        agentMessage());
    assertEquals(3, providerCalls());
  }

  @Test
  void anAgentReplyNoStatusEverConfirmedFailsItsMessageWhenAPersonIsAsked() {
    long conversation = Seed.conversation("+260777711059", "Ada");
    enqueue(ENQUEUE_WITHOUT_WAKE_UP, conversation, "Your order left today");
    api.stubFor(send().willReturn(sent("wamid.LOST").withFixedDelay(3_000)));

    for (int send = 0; send < 3; send++) {
      cron();
      // As if the reconcile window (10 min) had passed without Meta's status.
      Seed.execute(
          "UPDATE \"OutboundMessageLog\" SET \"lastAttemptAt\" = \"lastAttemptAt\" - interval '11 minutes'");
      Seed.makeDue();
    }

    assertEquals(2, providerCalls());
    assertEquals("FAILED", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertTrue(
        agentMessage().startsWith("FAILED|-|bea|Send outcome unknown after 2 sends"),
        agentMessage());
    assertEquals(
        1, Seed.count("SELECT count(*) FROM \"Notification\" WHERE type = 'SEND_UNCONFIRMED'"));
  }

  @Test
  void anAgentReplyToAConversationDeletedAfterItWasQueuedIsNotSent() {
    long conversation = Seed.conversation("+260777711059", "Ada");
    enqueue(ENQUEUE_WITHOUT_WAKE_UP, conversation, "Your order left today");
    api.stubFor(send().willReturn(sent("wamid.NEVER")));
    Seed.execute("UPDATE \"Conversation\" SET \"deletedAt\" = (now() AT TIME ZONE 'UTC')");

    cron().body("jobRunnerResult.processed", equalTo(1)).body("jobRunnerResult.failed", equalTo(0));

    assertEquals("DONE", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertEquals("FAILED|-|bea|Conversation deleted", agentMessage());
    assertEquals(0, providerCalls());
    assertEquals(0, Seed.count("SELECT count(*) FROM \"OutboundMessageLog\""));
  }

  @Test
  void anAgentReplyQueuedWhenAnOperatorDeletesTheConversationIsCancelledAndItsMessageFails() {
    long conversation = Seed.conversation("+260777711059", "Ada");
    enqueue(ENQUEUE_WITHOUT_WAKE_UP, conversation, "Your order left today");
    api.stubFor(send().willReturn(sent("wamid.NEVER")));

    // What admin-service runs when it soft-deletes the conversation.
    int cancelled =
        pool.preparedQuery(QueueAdminSql.CANCEL_QUEUED_JOBS)
            .execute(Tuple.of(conversation))
            .await()
            .atMost(Duration.ofSeconds(5))
            .rowCount();

    assertEquals(1, cancelled);
    assertEquals("CANCELLED", Seed.value("SELECT status FROM \"OutboundJob\""));
    assertEquals("FAILED|-|bea|Conversation deleted", agentMessage());
    cron().body("jobRunnerResult.processed", equalTo(0));
    assertEquals(0, providerCalls());
  }
}
