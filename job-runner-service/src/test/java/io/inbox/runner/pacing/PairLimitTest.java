package io.inbox.runner.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Meta's pair limit kept before sending: one message to the same customer per interval, by any
 * replica, while other customers go on. A 1 s interval here (the test profile turns it off for the
 * other tests, which send several replies to one customer).
 */
@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class PairLimitTest {

  private static final Pacing PAIRED =
      new Pacing(Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofSeconds(2));

  @Inject Pool pool;

  @BeforeEach
  @AfterEach
  void clean() {
    Seed.clean();
    Seed.execute("DELETE FROM \"ChannelPacing\"");
  }

  @Test
  void sendsToOneCustomerAreAnIntervalApartAcrossReplicasOthersAreNotHeldBack() {
    long ada = Seed.conversation("+260777711059", "Ada");
    long ben = Seed.conversation("+260777711060", "Ben");
    SendPacer one = PAIRED.pacer(pool);
    SendPacer two = PAIRED.pacer(pool);

    long started = System.nanoTime();
    List<Long> admitted =
        Uni.join()
            .all(admittedAt(one, ada), admittedAt(two, ada), admittedAt(two, ben))
            .andFailFast()
            .await()
            .atMost(Duration.ofSeconds(10));
    List<Long> adaAdmitted = admitted.subList(0, 2);
    long benAdmitted = admitted.get(2);

    assertTrue(
        Math.abs(adaAdmitted.get(0) - adaAdmitted.get(1)) >= 990_000_000L,
        "Ada's two sends " + Math.abs(adaAdmitted.get(0) - adaAdmitted.get(1)) + " ns apart");
    // Ben's send waits for nobody: well before Ada's second slot, a second after her first.
    assertTrue(benAdmitted < Math.max(adaAdmitted.get(0), adaAdmitted.get(1)));
    assertTrue(benAdmitted - started < 900_000_000L, "Ben waited " + (benAdmitted - started));
    // The later slot is what the row holds: about one interval after the first send.
    assertTrue(
        Seed.count(
                """
                SELECT count(*) FROM "Conversation"
                 WHERE id = %d AND "lastOutboundAt" > (now() AT TIME ZONE 'UTC') - interval '1 second'
                """
                    .formatted(ada))
            == 1);
  }

  @Test
  void aSlotBeyondTheMaxWaitIsNotReservedAndSaysWhenToComeBack() {
    long ada = Seed.conversation("+260777711059", "Ada");
    Pacing slowPairs =
        new Pacing(Duration.ofSeconds(6), Duration.ofMillis(50), Duration.ofSeconds(2));
    SendPacer pacer = slowPairs.pacer(pool);
    assertTrue(pacer.admit(ada).await().atMost(Duration.ofSeconds(5)).admitted());
    String reserved = Seed.value("SELECT \"lastOutboundAt\" FROM \"Conversation\"");
    String updatedAt = Seed.value("SELECT \"updatedAt\" FROM \"Conversation\"");

    Admission second = pacer.admit(ada).await().atMost(Duration.ofSeconds(5));

    assertFalse(second.admitted());
    // The customer's next slot is 6 s after the first send, which went out a moment ago.
    assertTrue(
        second.retryAfter().compareTo(Duration.ofSeconds(5)) > 0
            && second.retryAfter().compareTo(Duration.ofSeconds(6)) <= 0,
        "retry after " + second.retryAfter());
    assertEquals(reserved, Seed.value("SELECT \"lastOutboundAt\" FROM \"Conversation\""));
    assertEquals(updatedAt, Seed.value("SELECT \"updatedAt\" FROM \"Conversation\""));
  }

  @Test
  void aSendWaitingForItsBucketSlotHasItsPairSlotThereAlready() throws Exception {
    Seed.execute("UPDATE \"Channel\" SET \"messagesPerSecond\" = 2 WHERE \"isDefault\"");
    try {
      long ada = Seed.conversation("+260777711059", "Ada");
      long ben = Seed.conversation("+260777711060", "Ben");
      SendPacer pacer = PAIRED.pacer(pool);
      assertTrue(pacer.admit(ada).await().atMost(Duration.ofSeconds(5)).admitted());

      // Ben's send waits half a second for the number's next slot; meanwhile another runner
      // already sees his pair slot taken, at that bucket slot: when the send will go.
      long started = System.nanoTime();
      CompletableFuture<Admission> admission =
          pacer.admit(ben).subscribeAsCompletionStage().toCompletableFuture();
      Thread.sleep(250);
      assertTrue(hasPairSlot(ben), "Ben's pair slot is taken while his send waits");
      assertFalse(admission.isDone());
      assertTrue(
          admission.get(5, TimeUnit.SECONDS).admitted()
              && System.nanoTime() - started >= 400_000_000L);
      assertEquals(
          "t",
          Seed.value(
              """
              SELECT b."lastOutboundAt" - a."lastOutboundAt" BETWEEN interval '450 ms' AND interval '550 ms'
                FROM "Conversation" a, "Conversation" b WHERE a.id = %d AND b.id = %d
              """
                  .formatted(ada, ben)));
    } finally {
      Seed.execute("UPDATE \"Channel\" SET \"messagesPerSecond\" = 80 WHERE \"isDefault\"");
    }
  }

  private static boolean hasPairSlot(long conversation) {
    return Seed.count(
            "SELECT count(*) FROM \"Conversation\" WHERE id = %d AND \"lastOutboundAt\" IS NOT NULL"
                .formatted(conversation))
        == 1;
  }

  private static Uni<Long> admittedAt(SendPacer pacer, long conversation) {
    return pacer
        .admit(conversation)
        .map(
            admission -> {
              assertTrue(admission.admitted());
              return System.nanoTime();
            });
  }
}
