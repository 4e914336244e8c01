package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6: malformed, truncated, huge, wrongly signed, replayed and type-confused webhook
 * bodies, a seeded mutation pass over a real body, and bad admin requests. Only 2xx and 4xx may
 * come back, and nothing may be left half-written.
 */
class BadInputIT {

  private static final String VALID = Meta.text("260977000001", "wamid.bad.valid", "hello");

  @Test
  void onlyTwoHundredsAndFourHundredsAndNothingHalfWritten() throws Exception {
    try (Stack stack = Stack.migrated("inbox_rel_badinput")) {
      Stack.Service webhook = stack.webhook();
      Stack.Service admin = stack.admin();
      stack.awaitReady(webhook, Duration.ofSeconds(30));
      stack.awaitReady(admin, Duration.ofSeconds(30));

      Map<String, Integer> answers = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      for (String body : webhookCorpus()) {
        record(answers, failures, "webhook " + shorten(body), stack.postWebhook(webhook, body));
      }
      Map<String, String> auth =
          Map.of("Authorization", "Bearer " + Stack.ADMIN_TOKEN, "X-Admin-User", "ops");
      Map<String, String> json =
          Map.of(
              "Authorization",
              "Bearer " + Stack.ADMIN_TOKEN,
              "X-Admin-User",
              "ops",
              "Content-Type",
              "application/json");
      record(
          answers,
          failures,
          "unsigned",
          Stack.send(
              webhook,
              "POST",
              "/api/webhooks/whatsapp",
              Map.of("Content-Type", "application/json"),
              VALID));
      record(
          answers,
          failures,
          "wrong signature",
          Stack.send(
              webhook,
              "POST",
              "/api/webhooks/whatsapp",
              Map.of(
                  "X-Hub-Signature-256",
                  Stack.sign(VALID + " "),
                  "Content-Type",
                  "application/json"),
              VALID));
      record(
          answers,
          failures,
          "garbage signature",
          Stack.send(
              webhook,
              "POST",
              "/api/webhooks/whatsapp",
              Map.of("X-Hub-Signature-256", "sha256=zz", "Content-Type", "application/json"),
              VALID));
      record(
          answers,
          failures,
          "huge",
          stack.postWebhook(webhook, "{\"pad\":\"" + "x".repeat(1024 * 1024 + 1024) + "\"}"));
      for (String path :
          List.of(
              "/api/admin/conversations/abc",
              "/api/admin/conversations/-1",
              "/api/admin/conversations/99999999999999999999",
              "/api/admin/conversations/1?page=-3&limit=abc",
              "/api/admin/conversations?limit=100000&page=zz&status=%00",
              "/api/admin/conversations?includeDeleted=maybe",
              "/api/admin/jobs?status=%27%3B%20DROP%20TABLE%20x",
              "/api/admin/notifications?limit=-1")) {
        record(answers, failures, "GET " + path, Stack.send(admin, "GET", path, auth, null));
        record(
            answers,
            failures,
            "GET unauthorised " + path,
            Stack.send(admin, "GET", path, Map.of(), null));
      }
      for (String[] call :
          List.of(
              new String[] {"POST", "/api/admin/notifications/abc/snooze", "not json"},
              new String[] {"POST", "/api/admin/notifications/1/snooze", "{\"until\":\"garbage\"}"},
              new String[] {"POST", "/api/admin/notifications/1/snooze", "{\"minutes\":-5}"},
              new String[] {"POST", "/api/admin/notifications/1/snooze", "[]"},
              new String[] {"POST", "/api/admin/notifications/1/read", "{}"},
              new String[] {"POST", "/api/admin/jobs/xyz/retry", ""},
              new String[] {"POST", "/api/admin/jobs/424242/retry", ""},
              new String[] {"POST", "/api/admin/conversations/abc/delete", ""},
              new String[] {"POST", "/api/admin/conversations/424242/restore", ""},
              new String[] {"DELETE", "/api/admin/conversations/1?hard=maybe", null},
              new String[] {"DELETE", "/api/admin/conversations/424242?hard=true", null})) {
        record(
            answers,
            failures,
            call[0] + " " + call[1] + " " + call[2],
            Stack.send(admin, call[0], call[1], json, call[2]));
      }

      long halfWritten =
          stack.count("SELECT count(*) FROM \"WebhookEvent\" WHERE \"processedAt\" IS NULL");
      long orphanJobs =
          stack.count(
              "SELECT count(*) FROM \"OutboundJob\" j WHERE NOT EXISTS (SELECT 1 FROM \"Message\" m WHERE m.\"providerMessageId\" = j.\"inboundProviderMessageId\")");
      long validStoredOnce =
          stack.count(
              "SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.bad.valid'");
      new Figures("6 bad input")
          .put("requests", answers.values().stream().mapToInt(Integer::intValue).sum())
          .put("answers", answers)
          .put("5xxOrNoAnswer", failures.size())
          .put("halfWrittenEvents", halfWritten)
          .put("orphanJobs", orphanJobs)
          .report();

      assertTrue(failures.isEmpty(), "5xx or no answer for: " + failures);
      assertEquals(0, halfWritten);
      assertEquals(0, orphanJobs);
      assertEquals(1, validStoredOnce, "the replayed valid message must be stored exactly once");
    }
  }

  private static List<String> webhookCorpus() {
    List<String> corpus = new ArrayList<>();
    corpus.addAll(
        List.of(
            "",
            "{",
            "null",
            "[]",
            "\"text\"",
            "42",
            "{\"object\":1}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":\"x\"}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[1,null,\"x\"]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":{}}]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":[]}]}]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":{}}}]}]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"id\":123,\"from\":[],\"type\":\"text\",\"text\":\"body\"}]}}]}]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"id\":\"wamid.bad.t\",\"from\":\"260977000002\",\"timestamp\":\"abc\",\"type\":\"text\",\"text\":{\"body\":123}}]}}]}]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"id\":\"wamid.bad.nofrom\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}]}}]}]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"id\":\"\",\"from\":\"\",\"type\":\"text\"}]}}]}]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{\"id\":null,\"status\":5}]}}]}]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"statuses\":[{\"id\":\"wamid.x\",\"status\":\"read\",\"biz_opaque_callback_data\":\"outbound-log:abc\"}]}}]}]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"contacts\":\"x\",\"messages\":[{\"id\":\"wamid.bad.c\",\"from\":\"260977000003\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}]}}]}]}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"id\":\"wamid.bad.long\",\"from\":\""
                + "9".repeat(5000)
                + "\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}]}}]}]}",
            Meta.text("260977000004", "wamid.bad.nul", "a\\u0000b\\udc00"),
            "[".repeat(5000) + "]".repeat(5000),
            VALID,
            VALID,
            VALID));
    for (int cut = 1; cut < VALID.length(); cut += 9) {
      corpus.add(VALID.substring(0, cut));
    }
    Random random = new Random(20261125);
    String[] tokens = {
      "{",
      "}",
      "[",
      "]",
      ",",
      ":",
      "\"",
      "null",
      "true",
      "-1e999",
      "\\u0000",
      "\"id\":",
      "{\"a\":[]}"
    };
    for (int i = 0; i < Scale.pick(300, 3000); i++) {
      StringBuilder mutant = new StringBuilder(VALID.replace("wamid.bad.valid", "wamid.bad.m" + i));
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(mutant.length());
        switch (random.nextInt(4)) {
          case 0 -> mutant.deleteCharAt(at);
          case 1 -> mutant.insert(at, tokens[random.nextInt(tokens.length)]);
          case 2 -> mutant.setCharAt(at, (char) (32 + random.nextInt(95)));
          default ->
              mutant.insert(
                  at, mutant.substring(at, Math.min(mutant.length(), at + 1 + random.nextInt(20))));
        }
      }
      corpus.add(mutant.toString());
    }
    return corpus;
  }

  private static void record(
      Map<String, Integer> answers,
      List<String> failures,
      String what,
      java.net.http.HttpResponse<String> response) {
    int status = Stack.status(response);
    answers.merge(String.valueOf(status), 1, Integer::sum);
    if (status < 200 || status >= 500) {
      failures.add(status + " " + shorten(what));
    }
  }

  private static String shorten(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }
}
