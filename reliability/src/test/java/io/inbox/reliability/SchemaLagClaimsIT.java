package io.inbox.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 13: the runner is newer than the database — it starts while its latest migration (V5,
 * the ledger's "deliveryStatus") is missing, as in a rollout where the guard has not run yet. While
 * its readiness is DOWN the runner must not claim a job (a claimed job would send and then fail to
 * record, or burn an attempt): the cron endpoint answers the runbook's 503, jobs stay QUEUED with
 * attempts 0. Once the guard migrates, every job is DONE without a restart.
 */
class SchemaLagClaimsIT {

  private static final String RUNBOOK_ERROR =
      "\"error\":\"DB migrations not applied. Run: schema-guard migrate\"";

  private static final String[] RUNNER_ENV = {
    "RUNNER_POLL_INTERVAL", "1s",
    "RUNNER_SCHEMA_CHECK_INTERVAL", "1s"
  };

  @Test
  void noJobIsClaimedWhileTheSchemaLagsAndAllRunOnceMigrated() throws Exception {
    int jobs = Scale.pick(20, 200);
    try (Stack stack = Stack.migrated("inbox_rel_schemaclaims")) {
      // The database as it was before V5: the column dropped, Flyway's record of V5 and of the
      // later migrations removed (those are idempotent: migrate applies them again as no-ops). The
      // runner (and webhook-service) of the new release start on it, as in a rollout.
      stack.execute(
          """
          ALTER TABLE "OutboundMessageLog" DROP COLUMN "deliveryStatus";
          DELETE FROM flyway_schema_history
           WHERE installed_rank >= (SELECT installed_rank FROM flyway_schema_history WHERE version = '5');
          """);
      Stack.Service webhook = stack.webhook();
      Stack.Service runner = stack.runner(RUNNER_ENV);
      HttpResponse<String> runnerReady = Stack.get(runner, "/q/health/ready");
      int webhookReady = Stack.status(Stack.get(webhook, "/q/health/ready"));

      int accepted = 0;
      for (int i = 0; i < jobs; i++) {
        HttpResponse<String> answer =
            stack.postWebhook(
                webhook, Meta.text("2609772%05d".formatted(i), "wamid.lagclaim." + i, "hello"));
        accepted += Stack.status(answer) == 200 ? 1 : 0;
      }
      HttpResponse<String> cron =
          Stack.send(
              runner,
              "GET",
              "/api/cron/run-outbound-jobs",
              Map.of("X-Cron-Secret", Stack.CRON_SECRET),
              null);
      Thread.sleep(3_000); // three safety polls and schema checks
      long untouched =
          stack.count(
              "SELECT count(*) FROM \"OutboundJob\" WHERE status = 'QUEUED' AND attempts = 0"
                  + " AND \"lockedBy\" IS NULL");
      long queued = stack.count("SELECT count(*) FROM \"OutboundJob\"");
      int callsWhileLagging = stack.meta.getAllServeEvents().size();
      long ledgerWhileLagging = stack.count("SELECT count(*) FROM \"OutboundMessageLog\"");

      long migrateStarted = System.nanoTime();
      assertEquals(0, stack.guard("migrate"), "schema-guard migrate");
      long guardMillis = (System.nanoTime() - migrateStarted) / 1_000_000;
      stack.awaitSettled(jobs, Duration.ofSeconds(60), "every job DONE once migrated");
      long migrateToDoneMillis = (System.nanoTime() - migrateStarted) / 1_000_000;
      long done = stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE status = 'DONE'");
      long overOneAttempt = stack.count("SELECT count(*) FROM \"OutboundJob\" WHERE attempts > 1");
      long outbound = stack.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'");
      int calls = stack.meta.getAllServeEvents().size();

      new Figures("13 no claims while the schema lags")
          .put("jobs", jobs)
          .put("webhooksAccepted", accepted)
          .put(
              "readinessWhileLagging",
              "runner " + Stack.status(runnerReady) + " / webhook " + webhookReady)
          .put("cronWhileLagging", Stack.status(cron))
          .put("queuedUntouched", untouched + "/" + queued)
          .put("providerCallsWhileLagging", callsWhileLagging)
          .put("ledgerRowsWhileLagging", ledgerWhileLagging)
          .put("guardMigrateMs", guardMillis)
          .put("migrateToAllDoneMs", migrateToDoneMillis)
          .put("done", done)
          .put("jobsOverOneAttempt", overOneAttempt)
          .put("providerCalls", calls)
          .put("restarts", 0)
          .report();

      assertEquals(503, Stack.status(runnerReady));
      assertTrue(runnerReady.body().contains("deliveryStatus"), runnerReady.body());
      assertEquals(jobs, accepted, "webhooks accepted while the runner's schema lags");
      assertEquals(503, Stack.status(cron));
      assertTrue(cron.body().contains("\"ok\":false"), cron.body());
      assertTrue(cron.body().contains(RUNBOOK_ERROR), cron.body());
      assertEquals(jobs, queued);
      assertEquals(jobs, untouched, "a job was claimed while the schema lagged");
      assertEquals(0, callsWhileLagging);
      assertEquals(0, ledgerWhileLagging);
      assertEquals(jobs, done);
      assertEquals(0, overOneAttempt);
      assertEquals(jobs, outbound);
      assertEquals(jobs, calls);
      assertTrue(runner.process().isAlive());
    }
  }
}
