package io.inbox.runner.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.runner.Seed;
import io.inbox.runner.WireMockCloudApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(WireMockCloudApi.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Seed.DB))
class GroupCommitTest {

  @Inject Pool pool;

  @Test
  void oneBadRowInAGroupFailsOnlyItsOwnCaller() {
    Seed.execute(
        "DROP TABLE IF EXISTS group_commit_probe;"
            + " CREATE TABLE group_commit_probe (id int PRIMARY KEY CHECK (id > 0))");
    GroupCommit<Integer> insert =
        new GroupCommit<>(
            pool, "INSERT INTO group_commit_probe VALUES ($1) RETURNING id", rows -> rows.size());

    // The first runs at once; the other four wait for it and go as one group, which fails.
    List<Uni<String>> outcomes = new ArrayList<>();
    for (int id : new int[] {1, 2, -3, 4, 5}) {
      outcomes.add(
          insert
              .execute(Tuple.of(id))
              .map(rows -> id + ":ok")
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

    assertEquals(List.of("1:ok", "2:ok", "-3:failed", "4:ok", "5:ok"), results);
    assertEquals(4, Seed.count("SELECT count(*) FROM group_commit_probe"));
    Seed.execute("DROP TABLE group_commit_probe");
  }
}
