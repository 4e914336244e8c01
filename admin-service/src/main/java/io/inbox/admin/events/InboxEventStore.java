package io.inbox.admin.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The InboxEvent log on the reactive pool ({@link InboxEventSql}). */
@ApplicationScoped
public class InboxEventStore {

  private final Pool pool;

  public InboxEventStore(Pool pool) {
    this.pool = pool;
  }

  Uni<List<InboxEvent>> byIds(List<Long> ids) {
    return pool.preparedQuery(InboxEventSql.BY_IDS)
        .execute(Tuple.tuple().addArrayOfLong(ids.toArray(Long[]::new)))
        .map(InboxEventStore::events);
  }

  Uni<List<InboxEvent>> after(long id, int limit) {
    return pool.preparedQuery(InboxEventSql.AFTER)
        .execute(Tuple.of(id, limit))
        .map(InboxEventStore::events);
  }

  Uni<Long> latestId() {
    return pool.preparedQuery(InboxEventSql.LATEST_ID)
        .execute()
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /**
   * The events after {@code id}, at most {@code limit}; when more were missed, a {@link
   * Signal.Resync} up to the newest event instead.
   */
  Uni<List<Signal>> replay(long id, int limit) {
    return after(id, limit + 1)
        .flatMap(
            events ->
                events.size() > limit
                    ? latestId().map(latest -> List.<Signal>of(new Signal.Resync(latest)))
                    : Uni.createFrom()
                        .item(events.stream().<Signal>map(Signal.Event::new).toList()));
  }

  /** Deletes one batch of events older than {@code retention}; returns how many. */
  Uni<Integer> pruneBatch(Duration retention, int batch) {
    return pool.preparedQuery(InboxEventSql.PRUNE)
        .execute(Tuple.of(retention.toSeconds(), batch))
        .map(rows -> rows.rowCount());
  }

  private static List<InboxEvent> events(Iterable<Row> rows) {
    List<InboxEvent> events = new ArrayList<>();
    for (Row row : rows) {
      events.add(InboxEvent.of(row));
    }
    return events;
  }
}
