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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code schema-guard verify} as JSON: the same contract and comparison. */
@Path("/api/admin/schema")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "The database schema against the code's contract")
public class SchemaResource {

  /** The drift report. */
  public record SchemaStatus(boolean passed, String verdict, List<SchemaDrift.Check> checks) {}

  private final Pool pool;

  public SchemaResource(Pool pool) {
    this.pool = pool;
  }

  @GET
  @Operation(
      summary = "Schema check (schema-guard verify)",
      description =
          "Every table, column, key, index, foreign key and CHECK of the contract against the"
              + " database, one check each. A lagging schema is a 200 with `passed` false, not an"
              + " error.")
  @APIResponse(responseCode = "200", description = "The drift report")
  public Uni<SchemaStatus> status() {
    return ReactiveTextRows.query(pool, LiveCatalog.QUERY)
        .map(rows -> SchemaDrift.compare(ProductSchema.CONTRACT, LiveCatalog.fromRows(rows)))
        .map(report -> new SchemaStatus(report.passed(), report.verdict(), report.checks()));
  }
}
