package io.inbox.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * admin-service's pool (Hibernate Reactive's too) keeps a statement longer than the client's
 * default limit of 2,048 characters prepared on its connection, as the other services' do.
 */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class StatementCacheTest {

  private static final String LONG =
      "SELECT count(*) AS n FROM \"Conversation\" WHERE $1::int = 1 /* " + "-".repeat(3000) + " */";

  @Inject Pool pool;

  @Test
  void aLongStatementIsPreparedOnceOnItsConnection() {
    long prepared =
        pool.withConnection(
                c ->
                    c.preparedQuery(LONG)
                        .execute(Tuple.of(1))
                        .chain(() -> c.preparedQuery(LONG).execute(Tuple.of(1)))
                        .chain(
                            () ->
                                c.preparedQuery(
                                        "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement = $1")
                                    .execute(Tuple.of(LONG))))
            .await()
            .atMost(Duration.ofSeconds(5))
            .iterator()
            .next()
            .getLong("n");

    assertEquals(1, prepared);
  }
}
