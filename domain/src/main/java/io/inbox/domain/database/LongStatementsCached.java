package io.inbox.domain.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;

/**
 * The services' pool, as Quarkus configures it, with every statement's preparation cached on its
 * connection however long the statement is. The client caches only statements up to 2,048
 * characters by default; a longer one is parsed again on every execution, in a round trip and an
 * implicit transaction of its own before the one that runs it. The statements run most are longer:
 * the webhook's {@code InboundSql.INGEST} (once per message), the runner's {@code
 * JobLeaseSql.CLAIM}, {@code SendLedgerSql.RECORD_SENT} and {@code PacingSql.RESERVE_SLOTS}. Each
 * service makes it its pool creator with a bean of its own ({@code @Singleton class … extends
 * LongStatementsCached}); schema-guard, which has no reactive pool, does not.
 */
public abstract class LongStatementsCached implements PgPoolCreator {

  /** Above the longest SQL the services send (about 2,600 characters), with room to grow. */
  static final int SQL_LIMIT = 16_384;

  @Override
  @SuppressWarnings("deprecation") // Quarkus expects a PgPool, which PgBuilder does not return.
  public final Pool create(Input input) {
    input.pgConnectOptionsList().forEach(o -> o.setPreparedStatementCacheSqlLimit(SQL_LIMIT));
    return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
  }
}
