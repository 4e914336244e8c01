package io.inbox.runner.retention;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.Seed;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What retention deletes, what it must leave, and two runners pruning at once. */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class RetentionTest {

  private static final String DAYS_AGO = "(now() AT TIME ZONE 'UTC') - interval '%d days'";

  private static int jobCount;

  @Inject Retention retention;

  @BeforeEach
  void reset() {
    Seed.clean();
  }

  @Test
  void oldFinishedRowsGoAndEverythingStillNeededStays() {
    Seed.execute(
        """
        INSERT INTO "WebhookEvent" ("receivedAt", "signatureValid", "payload")
        SELECT (now() AT TIME ZONE 'UTC') - make_interval(days => d), true, '{"object":"x"}'
          FROM unnest(ARRAY[40, 31, 31, 29, 1]) d
        """);
    long done = job("DONE", 40, "SENT");
    long unsettled = job("DONE", 40, "UNKNOWN");
    long failed = job("FAILED", 40, "SENT");
    long queued = job("QUEUED", 40, "PENDING");
    long recent = job("DONE", 10, "SENT");
    long withRun = job("DONE", 40, null);
    long cancelled = job("CANCELLED", 40, null);
    long recentlyCancelled = job("CANCELLED", 2, null);
    Seed.execute(
        """
        INSERT INTO "OrchestratorRun" ("outboundJobId", "conversationId", "source", "handover")
        SELECT "id", "conversationId", 'RULES', false FROM "OutboundJob" WHERE "id" = %d
        """
            .formatted(withRun));
    long messages = Seed.count("SELECT count(*) FROM \"Message\"");
    double eventsBefore = pruned("WebhookEvent");
    double ledgerBefore = pruned("OutboundMessageLog");
    double jobsBefore = pruned("OutboundJob");

    Retention.Pruned run = retention.run().await().atMost(Duration.ofSeconds(20));

    assertEquals(new Retention.Pruned(3, 1, 2), run);
    assertEquals(
        "1,29", Seed.value(days("\"WebhookEvent\"", "\"receivedAt\"")), "events kept (days old)");
    assertEquals(
        0,
        Seed.count(
            "SELECT count(*) FROM \"OutboundJob\" WHERE id IN (%d, %d)".formatted(done, cancelled)),
        "done and cancelled jobs");
    assertEquals(
        "%d,%d,%d,%d,%d,%d"
            .formatted(unsettled, failed, queued, recent, withRun, recentlyCancelled),
        Seed.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM \"OutboundJob\""));
    assertEquals(
        "%d,%d,%d,%d".formatted(unsettled, failed, queued, recent),
        Seed.value(
            "SELECT string_agg(\"outboundJobId\"::text, ',' ORDER BY id) FROM \"OutboundMessageLog\""));
    assertEquals(messages, Seed.count("SELECT count(*) FROM \"Message\""), "messages stay");
    assertEquals(3.0, pruned("WebhookEvent") - eventsBefore);
    assertEquals(1.0, pruned("OutboundMessageLog") - ledgerBefore);
    assertEquals(2.0, pruned("OutboundJob") - jobsBefore);

    assertEquals(
        new Retention.Pruned(0, 0, 0), retention.run().await().atMost(Duration.ofSeconds(20)));
  }

  @Test
  void twoRunnersAtOnceDeleteEachRowOnceAndNeitherFails() {
    Seed.execute(
        """
        INSERT INTO "WebhookEvent" ("receivedAt", "signatureValid", "payload")
        SELECT (now() AT TIME ZONE 'UTC') - interval '40 days', true, '{"object":"x"}'
          FROM generate_series(1, 1000)
        """);
    long conversation = Seed.conversation("+260777711070", "Ada");
    Seed.execute(
        """
        WITH message AS (
          INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId")
          SELECT %1$d, 'INBOUND', 'hi', 'wamid.R' || n FROM generate_series(1, 300) n
          RETURNING "id", "providerMessageId"),
        job AS (
          INSERT INTO "OutboundJob" ("conversationId", "inboundMessageId", "inboundProviderMessageId",
                                     "status", "updatedAt")
          SELECT %1$d, "id", "providerMessageId", 'DONE', %2$s FROM message
          RETURNING "id")
        INSERT INTO "OutboundMessageLog" ("conversationId", "outboundJobId", "dedupeKey", "status", "updatedAt")
        SELECT %1$d, "id", 'reply:' || "id", 'SENT', %2$s FROM job
        """
            .formatted(conversation, DAYS_AGO.formatted(40)));

    var both =
        Uni.combine()
            .all()
            .unis(retention.run(), retention.run())
            .asTuple()
            .await()
            .atMost(Duration.ofSeconds(60));
    Retention.Pruned a = both.getItem1();
    Retention.Pruned b = both.getItem2();

    // Each row deleted by exactly one of them; a failed run would report zeros and miss rows.
    assertEquals(1000, a.webhookEvents() + b.webhookEvents());
    assertEquals(300, a.ledgerRows() + b.ledgerRows());
    assertEquals(0, Seed.count("SELECT count(*) FROM \"WebhookEvent\""));
    assertEquals(0, Seed.count("SELECT count(*) FROM \"OutboundMessageLog\""));
    // A job whose ledger row the other runner was still deleting is left for the next run.
    long jobs = a.jobs() + b.jobs() + retention.run().await().atMost(Duration.ofSeconds(20)).jobs();
    assertEquals(300, jobs);
    assertEquals(0, Seed.count("SELECT count(*) FROM \"OutboundJob\""));
  }

  /** A job $status whose last change was $age days ago, with a ledger row in $ledger (or none). */
  private static long job(String status, int age, String ledger) {
    long id = Seed.job("+2607777110" + (10 + jobCount++), "Ada", "wamid.IN" + jobCount, "hi");
    Seed.execute(
        "UPDATE \"OutboundJob\" SET status = '%s', \"updatedAt\" = %s WHERE id = %d"
            .formatted(status, DAYS_AGO.formatted(age), id));
    if (ledger != null) {
      Seed.execute(
          """
          INSERT INTO "OutboundMessageLog" ("conversationId", "outboundJobId", "dedupeKey", "status", "updatedAt")
          SELECT "conversationId", "id", 'reply:' || "id", '%s', %s FROM "OutboundJob" WHERE "id" = %d
          """
              .formatted(ledger, DAYS_AGO.formatted(age), id));
    }
    return id;
  }

  private static String days(String table, String column) {
    return "SELECT string_agg(EXTRACT(DAY FROM (now() AT TIME ZONE 'UTC') - %s)::int::text, ','"
            .formatted(column)
        + " ORDER BY %s DESC) FROM %s".formatted(column, table);
  }

  private static double pruned(String table) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m =
        Pattern.compile("runner_retention_pruned_total\\{table=\"" + table + "\"} ([0-9.E]+)")
            .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
