package io.inbox.runner.outbound;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit for one statement: executions requested while an earlier group is in flight wait for
 * it and then go together, in one round trip and one implicit transaction (one commit, one WAL
 * flush). Under load a commit per reply becomes a commit per handful; when idle a statement runs at
 * once. A group is all-or-nothing, so when it fails each execution is retried alone: one bad row (a
 * conversation deleted meanwhile, say) fails only its own caller.
 */
final class GroupCommit<T> {

  private record Pending<T>(Tuple args, UniEmitter<? super T> done) {}

  private final Pool pool;
  private final String sql;
  private final Function<RowSet<Row>, T> result;
  private final List<Pending<T>> waiting = new ArrayList<>();
  private boolean running;
  private long groupsCommitted;

  /** {@code result} reads one execution's rows. */
  GroupCommit(Pool pool, String sql, Function<RowSet<Row>, T> result) {
    this.pool = pool;
    this.sql = sql;
    this.result = result;
  }

  Uni<T> execute(Tuple args) {
    return Uni.createFrom()
        .emitter(
            done -> {
              synchronized (this) {
                waiting.add(new Pending<>(args, done));
              }
              runWaiting();
            });
  }

  /**
   * Whatever happens to a group (a failure, a result reader that throws, a pool that throws instead
   * of failing the Uni), {@link #finished()} runs: a group left "running" would stall every later
   * execution of the pod.
   */
  private void runWaiting() {
    List<Pending<T>> group;
    synchronized (this) {
      if (running || waiting.isEmpty()) {
        return;
      }
      running = true;
      group = new ArrayList<>(waiting);
      waiting.clear();
    }
    try {
      pool.preparedQuery(sql)
          .executeBatch(group.stream().map(Pending::args).toList())
          .subscribe()
          .with(
              rows -> {
                try {
                  synchronized (this) {
                    groupsCommitted++;
                  }
                  completeEach(group, rows);
                } finally {
                  finished();
                }
              },
              failure -> {
                try {
                  group.forEach(this::runAlone);
                } finally {
                  finished();
                }
              });
    } catch (RuntimeException e) {
      group.forEach(pending -> pending.done().fail(e));
      finished();
    }
  }

  /** Groups whose batch committed (not counting executions retried alone); for tests. */
  synchronized long groupsCommitted() {
    return groupsCommitted;
  }

  private void completeEach(List<Pending<T>> group, RowSet<Row> rows) {
    RowSet<Row> each = rows;
    for (Pending<T> pending : group) {
      try {
        pending.done().complete(result.apply(each));
      } catch (RuntimeException e) {
        pending.done().fail(e);
      }
      each = each == null ? null : each.next();
    }
  }

  private void runAlone(Pending<T> pending) {
    pool.preparedQuery(sql)
        .execute(pending.args())
        .map(result)
        .subscribe()
        .with(pending.done()::complete, pending.done()::fail);
  }

  private void finished() {
    synchronized (this) {
      running = false;
    }
    runWaiting();
  }
}
