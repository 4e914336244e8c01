package io.inbox.runner.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class GroupCommitTest {

  private static final String INSERT = "INSERT INTO group_commit_probe VALUES ($1) RETURNING id";

  @Inject Pool pool;

  @BeforeEach
  void probeTable() {
    Seed.execute(
        "DROP TABLE IF EXISTS group_commit_probe;"
            + " CREATE TABLE group_commit_probe (id int PRIMARY KEY CHECK (id > 0))");
  }

  @AfterEach
  void dropProbeTable() {
    Seed.execute("DROP TABLE IF EXISTS group_commit_probe");
  }

  @Test
  void concurrentExecutionsGoInFewerCommitsThanExecutionsEachWithItsOwnResult() {
    GroupCommit<Integer> insert = new GroupCommit<>(pool, INSERT, GroupCommitTest::id);
    int[] ids = IntStream.rangeClosed(1, 20).toArray();

    List<String> results = runAtOnce(insert, ids);

    // Each caller reads its own execution's rows, not the group's first.
    assertEquals(IntStream.of(ids).mapToObj(id -> id + ":" + id).toList(), results);
    assertEquals(ids.length, Seed.count("SELECT count(*) FROM group_commit_probe"));
    // The first runs at once; the others are requested while it is in flight and wait for it.
    // Without grouping every execution would be its own commit.
    long groups = insert.groupsCommitted();
    assertTrue(groups >= 2 && groups < ids.length, "groups committed: " + groups);
  }

  @Test
  void oneBadRowInAGroupFailsOnlyItsOwnCaller() {
    GroupCommit<Integer> insert = new GroupCommit<>(pool, INSERT, rows -> rows.size());

    // The first runs at once; the other four wait for it and go as one group, which fails.
    List<String> results = runAtOnce(insert, 1, 2, -3, 4, 5);

    assertEquals(List.of("1:1", "2:1", "-3:failed", "4:1", "5:1"), results);
    assertEquals(4, Seed.count("SELECT count(*) FROM group_commit_probe"));
    assertEquals(List.of("6:1"), runAtOnce(insert, 6), "later executions still run");
  }

  @Test
  void aResultReaderThatThrowsFailsOnlyItsCallerAndLaterExecutionsComplete() {
    Function<RowSet<Row>, Integer> reader =
        rows -> {
          int id = id(rows);
          if (id % 10 == 3) {
            throw new IllegalStateException("cannot read " + id);
          }
          return id;
        };
    GroupCommit<Integer> insert = new GroupCommit<>(pool, INSERT, reader);

    // 3 runs alone (the first), 13 inside the group that follows: both readers throw.
    assertEquals(
        List.of("3:failed", "11:11", "12:12", "13:failed", "14:14"),
        runAtOnce(insert, 3, 11, 12, 13, 14));
    // The rows are committed: only the reading failed.
    assertEquals(5, Seed.count("SELECT count(*) FROM group_commit_probe"));

    // The group's state was reset: later executions, alone and grouped, still complete.
    assertEquals(List.of("21:21"), runAtOnce(insert, 21));
    assertEquals(List.of("22:22", "23:failed", "24:24"), runAtOnce(insert, 22, 23, 24));
    assertEquals(9, Seed.count("SELECT count(*) FROM group_commit_probe"));
  }

  private static int id(RowSet<Row> rows) {
    return rows.iterator().next().getInteger(0);
  }

  /** Requests every execution before waiting for any; "id:result" or "id:failed" each. */
  private static List<String> runAtOnce(GroupCommit<Integer> insert, int... ids) {
    List<Uni<String>> outcomes = new ArrayList<>();
    for (int id : ids) {
      outcomes.add(
          insert
              .execute(Tuple.of(id))
              .map(result -> id + ":" + result)
              .onFailure()
              .recoverWithItem(id + ":failed")
              .memoize()
              .indefinitely());
    }
    outcomes.forEach(outcome -> outcome.subscribe().with(ignored -> {}));
    List<String> results = new ArrayList<>();
    for (Uni<String> outcome : outcomes) {
      results.add(outcome.await().atMost(Duration.ofSeconds(10)));
    }
    return results;
  }
}
