package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: new services meet the earlier system's database during a rollout. They must say so
 * clearly and write nothing; once the guard has migrated, they serve without a restart.
 */
class SchemaLagIT {

  private static final String RUNBOOK_ERROR =
      "{\"error\":\"DB migrations not applied. Run: schema-guard migrate\"}";

  @Test
  void servicesRefuseCleanlyThenRecoverOnceTheGuardHasRun() throws Exception {
    try (Stack stack = Stack.legacy("inbox_rel_schemalag")) {
      long contactsBefore = stack.count("SELECT count(*) FROM \"Contact\"");
      Stack.Service webhook = stack.webhook();
      Stack.Service admin = stack.admin();
      Map<String, String> auth = Map.of("Authorization", "Bearer " + Stack.ADMIN_TOKEN);

      int webhookReady = Stack.status(Stack.get(webhook, "/q/health/ready"));
      int adminReady = Stack.status(Stack.get(admin, "/q/health/ready"));
      HttpResponse<String> refused =
          stack.postWebhook(webhook, Meta.text("260977100001", "wamid.lag.1", "hello"));
      HttpResponse<String> listing =
          Stack.send(admin, "GET", "/api/admin/conversations", auth, null);
      long contactsAfter = stack.count("SELECT count(*) FROM \"Contact\"");

      long migrateStarted = System.nanoTime();
      assertEquals(0, stack.guard("migrate"), "schema-guard migrate");
      stack.awaitReady(webhook, Duration.ofSeconds(60));
      stack.awaitReady(admin, Duration.ofSeconds(60));
      long recoveryMillis = (System.nanoTime() - migrateStarted) / 1_000_000;
      HttpResponse<String> accepted =
          stack.postWebhook(webhook, Meta.text("260977100001", "wamid.lag.1", "hello"));

      new Figures("5 schema lag during rollout")
          .put("readinessBefore", webhookReady + "/" + adminReady)
          .put("webhookBefore", Stack.status(refused))
          .put("adminBefore", Stack.status(listing))
          .put("rowsWrittenBefore", contactsAfter - contactsBefore)
          .put("migrateToReadyMs", recoveryMillis)
          .put("webhookAfter", Stack.status(accepted))
          .put("restarts", 0)
          .report();

      assertEquals(503, webhookReady);
      assertEquals(503, adminReady);
      assertEquals(500, Stack.status(refused));
      assertEquals(RUNBOOK_ERROR, refused.body());
      assertEquals(500, Stack.status(listing));
      assertEquals(RUNBOOK_ERROR, listing.body());
      assertEquals(contactsBefore, contactsAfter, "a refused webhook wrote rows");
      assertEquals(200, Stack.status(accepted));
      assertEquals(
          1,
          stack.count(
              "SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.lag.1'"));
      assertTrue(webhook.process().isAlive() && admin.process().isAlive());
    }
  }
}
