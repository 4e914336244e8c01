package io.inbox.runner.orchestrator.llm;

import io.inbox.runner.orchestrator.Orchestrator.Decision;
import io.inbox.runner.orchestrator.OrchestratorSettings;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Reads the context of a reply and stores, reuses and prunes the orchestrator's runs. */
@ApplicationScoped
public class OrchestratorRuns {

  /** Rows deleted per statement: short transactions, no long lock on the table. */
  static final int PRUNE_BATCH = 1000;

  private final Pool pool;
  private final OrchestratorSettings settings;

  public OrchestratorRuns(Pool pool, OrchestratorSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  /** The conversation's last {@code limit} messages up to {@code messageId}, oldest first. */
  Uni<List<ChatContext.Message>> history(long conversationId, long messageId, int limit) {
    return pool.preparedQuery(OrchestratorRunSql.HISTORY)
        .execute(Tuple.of(conversationId, messageId, limit))
        .map(
            rows -> {
              List<ChatContext.Message> history = new ArrayList<>();
              for (Row r : rows) {
                history.add(
                    new ChatContext.Message(
                        "INBOUND".equals(r.getString("direction")), r.getString("body")));
              }
              return history;
            });
  }

  /** The decision an earlier attempt of the job stored, or null. */
  Uni<Decision> storedDecision(long jobId) {
    return pool.preparedQuery(OrchestratorRunSql.STORED_DECISION)
        .execute(Tuple.of(jobId))
        .map(OrchestratorRuns::decision);
  }

  /** Stores the run; the decision the job must use (an earlier one if another worker stored it). */
  Uni<Decision> store(OrchestratorRun run) {
    Tuple args =
        Tuple.tuple()
            .addLong(run.jobId())
            .addLong(run.conversationId())
            .addString(run.model())
            .addString(run.prompt())
            .addString(run.answer())
            .addString(run.source().name())
            .addString(run.fallbackCause() == null ? null : run.fallbackCause().name())
            .addString(run.decision().reply())
            .addBoolean(run.decision().handover())
            .addString(run.reason())
            .addInteger(run.tokensIn())
            .addInteger(run.tokensOut())
            .addInteger(
                run.latencyMs() == null
                    ? null
                    : (int) Math.min(run.latencyMs(), Integer.MAX_VALUE));
    return pool.preparedQuery(OrchestratorRunSql.STORE)
        .execute(args)
        .flatMap(
            rows ->
                rows.size() == 1
                    ? Uni.createFrom().item(decision(rows))
                    : storedDecision(run.jobId()));
  }

  private static Decision decision(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new Decision(r.getString("reply"), r.getBoolean("handover"));
  }

  @Scheduled(
      every = "${orchestrator.prune-interval:1h}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> pruneOnSchedule() {
    return prune().replaceWithVoid();
  }

  /** Deletes runs older than ORCHESTRATOR_RUN_RETENTION, a batch at a time; how many. */
  Uni<Long> prune() {
    return pruneBatch(0)
        .invoke(
            deleted -> {
              if (deleted > 0) {
                Log.infof(
                    "🧹 [ORCHESTRATOR] Deleted %d runs older than %s",
                    deleted, settings.runRetention());
              }
            })
        .onFailure()
        .recoverWithItem(
            failure -> {
              Log.warnf("⚠️ [ORCHESTRATOR] Pruning runs failed: %s", failure.getMessage());
              return 0L;
            });
  }

  private Uni<Long> pruneBatch(long deletedSoFar) {
    return pool.preparedQuery(OrchestratorRunSql.PRUNE)
        .execute(Tuple.of(settings.runRetention().toMillis() / 1000.0, PRUNE_BATCH))
        .flatMap(
            rows ->
                rows.rowCount() < PRUNE_BATCH
                    ? Uni.createFrom().item(deletedSoFar + rows.rowCount())
                    : pruneBatch(deletedSoFar + rows.rowCount()));
  }
}
