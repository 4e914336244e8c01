package io.inbox.domain.health;

import io.inbox.domain.schema.LiveCatalog;
import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.schema.SchemaContract;
import io.inbox.domain.schema.SchemaDrift;
import io.inbox.domain.sql.ReactiveTextRows;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Readiness: DOWN while the database is unreachable or lacks what this service needs, with the
 * reason in the check's data, using the same contract as schema-guard. Each service extends it as a
 * {@code @Readiness @Singleton} bean (no client proxy: the fields are final) naming its tables;
 * liveness never depends on it.
 */
public abstract class SchemaReadiness implements AsyncHealthCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Pool pool;
  private final SchemaContract contract;

  protected SchemaReadiness(Pool pool, Set<String> tables) {
    this.pool = pool;
    this.contract = ProductSchema.CONTRACT.only(tables);
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    HealthCheckResponseBuilder builder = HealthCheckResponse.named("Database schema");
    return ReactiveTextRows.query(pool, LiveCatalog.QUERY)
        .ifNoItem()
        .after(TIMEOUT)
        .fail()
        .map(rows -> SchemaDrift.compare(contract, LiveCatalog.fromRows(rows)))
        .map(
            report -> {
              if (report.passed()) {
                return builder.up().build();
              }
              builder
                  .down()
                  .withData("reason", "DB migrations not applied. Run: schema-guard migrate");
              report.problems().forEach(p -> builder.withData(p.subject(), p.detail()));
              return builder.build();
            })
        .onFailure()
        .recoverWithItem(
            failure ->
                builder
                    .down()
                    .withData("reason", "database unreachable: " + failure.getMessage())
                    .build());
  }
}
