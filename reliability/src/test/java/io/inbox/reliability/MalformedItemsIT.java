package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Scenario 8: batched bodies (2 entries × 2 changes) whose messages and statuses are a seeded mix
 * of good and malformed items, each body delivered twice. Every good message is stored exactly
 * once, every bad item is listed on its event and counted, and every delivery is answered 200.
 */
class MalformedItemsIT {

  /** Malformed message items, as a careless or changed sender might write them. */
  private static final List<String> BAD_MESSAGES =
      List.of(
          "{\"id\":\"wamid.mix.nofrom\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}",
          "{\"from\":\"260977000999\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}",
          "{\"from\":\"\",\"id\":\"wamid.mix.blank\",\"type\":\"text\"}",
          "{\"from\":[],\"id\":\"wamid.mix.array\"}",
          "42",
          "null",
          "\"message\"",
          "{}");

  private static final List<String> BAD_STATUSES =
      List.of("{\"status\":\"read\"}", "{\"id\":\"wamid.out.x\"}", "[]");

  @Test
  void everyGoodItemIsStoredOnceAndEveryBadOneListed() throws Exception {
    Random random = new Random(20261126);
    List<String> bodies = new ArrayList<>();
    int good = 0;
    int bad = 0;
    for (int b = 0; b < Scale.pick(60, 600); b++) {
      StringBuilder body =
          new StringBuilder("{\"object\":\"whatsapp_business_account\",\"entry\":[");
      for (int e = 0; e < 2; e++) {
        body.append(e == 0 ? "" : ",").append("{\"id\":\"waba\",\"changes\":[");
        for (int c = 0; c < 2; c++) {
          List<String> messages = new ArrayList<>();
          for (int m = 0; m < 3; m++) {
            if (random.nextInt(3) == 0) {
              messages.add(BAD_MESSAGES.get(random.nextInt(BAD_MESSAGES.size())));
              bad++;
            } else {
              String waId = "2609771%05d".formatted(b);
              messages.add(
                  "{\"from\":\"%s\",\"id\":\"wamid.mix.%d.%d.%d.%d\",\"timestamp\":\"1767225600\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}"
                      .formatted(waId, b, e, c, m));
              good++;
            }
          }
          String statuses = "[]";
          if (random.nextInt(4) == 0) {
            statuses = "[" + BAD_STATUSES.get(random.nextInt(BAD_STATUSES.size())) + "]";
            bad++;
          }
          body.append(c == 0 ? "" : ",")
              .append("{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",")
              .append("\"messages\":[")
              .append(String.join(",", messages))
              .append("],\"statuses\":")
              .append(statuses)
              .append("}}");
        }
        body.append("]}");
      }
      bodies.add(body.append("]}").toString());
    }

    try (Stack stack = Stack.migrated("inbox_rel_items")) {
      Stack.Service webhook = stack.webhook();
      stack.awaitReady(webhook, Duration.ofSeconds(30));

      Map<Integer, Integer> answers = new TreeMap<>();
      for (int delivery = 0; delivery < 2; delivery++) {
        for (String body : bodies) {
          answers.merge(Stack.status(stack.postWebhook(webhook, body)), 1, Integer::sum);
        }
      }

      long stored =
          stack.count(
              "SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" LIKE 'wamid.mix.%'");
      long jobs =
          stack.count(
              "SELECT count(*) FROM \"OutboundJob\" WHERE \"inboundProviderMessageId\" LIKE 'wamid.mix.%'");
      long listed =
          stack.count(
              """
              SELECT COALESCE(sum(array_length(string_to_array("error", '; '), 1)), 0)
                FROM "WebhookEvent" WHERE "processedAt" IS NOT NULL
              """);
      long unprocessed =
          stack.count("SELECT count(*) FROM \"WebhookEvent\" WHERE \"processedAt\" IS NULL");
      long counted = rejectedItemsCounted(webhook);
      new Figures("8 malformed items")
          .put("bodies", bodies.size())
          .put("deliveries", 2 * bodies.size())
          .put("answers", answers)
          .put("goodMessages", good)
          .put("stored", stored)
          .put("jobs", jobs)
          .put("badItems", bad)
          .put("listedOnEvents", listed)
          .put("counted", counted)
          .put("unprocessedEvents", unprocessed)
          .report();

      assertEquals(Map.of(200, 2 * bodies.size()), answers);
      assertEquals(good, stored, "every good message stored exactly once");
      assertEquals(good, jobs, "one job per good message");
      assertEquals(2L * bad, listed, "every bad item of every delivery listed on its event");
      assertEquals(2L * bad, counted, "every bad item of every delivery counted");
      assertEquals(0, unprocessed);
    }
  }

  /** The sum of webhook_items_rejected_total over its reasons. */
  private static long rejectedItemsCounted(Stack.Service webhook) {
    return Math.round(
        Stack.get(webhook, "/q/metrics")
            .body()
            .lines()
            .filter(line -> line.startsWith("webhook_items_rejected_total{"))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .sum());
  }
}
