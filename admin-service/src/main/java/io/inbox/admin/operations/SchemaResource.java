package io.inbox.admin.operations;

import io.inbox.domain.schema.LiveCatalog;
import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.schema.SchemaDrift;
import io.inbox.domain.sql.ReactiveTextRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code schema-guard verify} as JSON: the same contract and comparison. */
@Path("/api/admin/schema")
@Produces(MediaType.APPLICATION_JSON)
public class SchemaResource {

  /** The drift report. */
  public record SchemaStatus(boolean passed, String verdict, List<SchemaDrift.Check> checks) {}

  private final Pool pool;

  public SchemaResource(Pool pool) {
    this.pool = pool;
  }

  @GET
  public Uni<SchemaStatus> status() {
    return ReactiveTextRows.query(pool, LiveCatalog.QUERY)
        .map(rows -> SchemaDrift.compare(ProductSchema.CONTRACT, LiveCatalog.fromRows(rows)))
        .map(report -> new SchemaStatus(report.passed(), report.verdict(), report.checks()));
  }
}
