package io.inbox.webhook.whatsapp;

import static io.inbox.webhook.whatsapp.WebhookBodies.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A delivery's transaction needs its one connection and no other: with a pool of one, deliveries
 * (the channel map re-read inside each, as the test profile's refresh of 0 s makes it) queue for
 * the connection and are all answered, where a second connection wanted inside the transaction
 * would wait for ever behind its own.
 */
@QuarkusTest
@TestProfile(OnePooledConnectionTest.PoolOfOne.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = OnePooledConnectionTest.DB))
class OnePooledConnectionTest {

  @Inject Pool pool;

  static final String DB = "inbox_webhook_onepool";

  /** Its own profile: one pooled connection, and its own application start. */
  public static class PoolOfOne implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.datasource.reactive.max-size", "1");
    }
  }

  @Test
  void messagesAndStatusesAreHandledOnOneConnection() throws Exception {
    ExecutorService meta = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String body = WebhookBodies.text("26077770010" + i, "P" + i, "wamid.POOL" + i, "hi");
        calls.add(() -> post(body).extract().statusCode());
      }
      calls.add(
          () -> post(WebhookBodies.status("wamid.POOL0", "read", null)).extract().statusCode());
      for (Future<Integer> status : meta.invokeAll(calls)) {
        assertEquals(200, status.get());
      }
    } finally {
      meta.shutdown();
    }
    assertEquals(
        4,
        TestDatabase.count(
            DB,
            "SELECT count(*) FROM \"OutboundJob\" WHERE \"inboundProviderMessageId\" LIKE 'wamid.POOL%'"));
    assertEquals(
        5,
        TestDatabase.count(
            DB,
            """
            SELECT count(*) FROM "WebhookEvent"
             WHERE "processedAt" IS NOT NULL AND error IS NULL AND payload::text LIKE '%wamid.POOL%'
            """));
  }

  /**
   * The message's ingest ({@code InboundSql.INGEST}, longer than the client's default limit of
   * 2,048 characters for caching a statement) is prepared once on the connection and kept, not
   * parsed again in a round trip of its own for every message.
   */
  @Test
  void theIngestIsPreparedOnceOnItsConnection() {
    for (int i = 0; i < 3; i++) {
      post(WebhookBodies.text("260777700200", "Ada", "wamid.PREP" + i, "hi")).statusCode(200);
    }

    assertEquals(
        1,
        pool.query(
                """
                SELECT count(*) AS n FROM pg_prepared_statements
                 WHERE statement LIKE 'WITH existing AS (%' AND length(statement) > 2048
                """)
            .execute()
            .await()
            .atMost(Duration.ofSeconds(5))
            .iterator()
            .next()
            .getLong("n"));
  }
}
