package io.inbox.domain.security;

import io.inbox.domain.mismatch.DbMismatchExceptionMapper;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The OpenAPI answers every {@code /api/admin} operation shares, in one place beside the code that
 * gives them ({@link AdminBearerFilter}, {@link DbMismatchExceptionMapper}): the bearer security
 * scheme and its 401, on every write the required {@code X-Admin-User} header and its 400, and the
 * 500 of a database that lags the code. Each resource documents its own answers; a 400 it already
 * documents gets the header's case added to its description, and an error answer documented without
 * a body gets the {@code Error} schema ({@code {"error": "…", "field": "…"}}) every error of the
 * admin API has. Registered with {@code mp.openapi.filter} by each service that serves {@code
 * /api/admin}.
 */
public class AdminApiDocs implements OASFilter {

  public static final String SCHEME = "adminToken";

  /** The body of every error answer: {@code {"error": "…"}}, plus {@code "field"} on a 400. */
  public static final String ERROR_SCHEMA = "Error";

  static final String PREFIX = "/api/admin";

  static final String UNAUTHORIZED =
      "No or wrong `Authorization: Bearer <ADMIN_API_TOKEN>` (also every call while the service"
          + " has no token configured): `{\"error\":\"Unauthorized: send Authorization: Bearer"
          + " <ADMIN_API_TOKEN>\"}`, header `WWW-Authenticate: Bearer`";

  static final String MISSING_ACTOR =
      "`X-Admin-User` missing, blank, longer than 100 characters or holding control characters:"
          + " `{\"error\":\"X-Admin-User is required on every change: …\",\"field\":\"X-Admin-User\"}`,"
          + " nothing written";

  static final String SERVER_ERROR =
      "The database lags the code (a missing column or table: `{\"error\":\""
          + DbMismatchExceptionMapper.MESSAGE
          + "\"}`, logged `[DB-MISMATCH] …`; run schema-guard migrate) or failed otherwise"
          + " (`{\"error\":\"Internal server error\"}`)";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    boolean any = false;
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      if (!path.getKey().startsWith(PREFIX)) {
        continue;
      }
      for (Map.Entry<PathItem.HttpMethod, Operation> op :
          path.getValue().getOperations().entrySet()) {
        document(op.getKey(), op.getValue());
        any = true;
      }
    }
    if (any) {
      if (openAPI.getComponents() == null) {
        openAPI.setComponents(OASFactory.createComponents());
      }
      openAPI
          .getComponents()
          .addSecurityScheme(
              SCHEME,
              OASFactory.createSecurityScheme()
                  .type(SecurityScheme.Type.HTTP)
                  .scheme("bearer")
                  .description(
                      "`Authorization: Bearer <ADMIN_API_TOKEN>`, the shared admin token (compared"
                          + " in constant time)"));
      if (openAPI.getComponents().getSchemas() == null
          || !openAPI.getComponents().getSchemas().containsKey(ERROR_SCHEMA)) {
        openAPI.getComponents().addSchema(ERROR_SCHEMA, errorSchema());
      }
    }
  }

  private static void document(PathItem.HttpMethod method, Operation operation) {
    operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME));
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    add(responses, "401", UNAUTHORIZED);
    add(responses, "500", SERVER_ERROR);
    boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
    if (write) {
      APIResponse badRequest = responses.getAPIResponse("400");
      if (badRequest == null) {
        add(responses, "400", MISSING_ACTOR);
      } else if (badRequest.getDescription() == null
          || !badRequest.getDescription().contains(AdminActor.HEADER)) {
        badRequest.setDescription(
            (badRequest.getDescription() == null ? "" : badRequest.getDescription() + "; or ")
                + MISSING_ACTOR);
      }
      boolean documented =
          operation.getParameters() != null
              && operation.getParameters().stream()
                  .anyMatch(
                      p ->
                          p.getIn() == Parameter.In.HEADER
                              && AdminActor.HEADER.equalsIgnoreCase(p.getName()));
      if (!documented) {
        operation.addParameter(
            OASFactory.createParameter()
                .name(AdminActor.HEADER)
                .in(Parameter.In.HEADER)
                .required(true)
                .description(
                    "The person making the change (1 to 100 printable characters); logged and"
                        + " recorded where the change names its author")
                .schema(
                    OASFactory.createSchema()
                        .addType(Schema.SchemaType.STRING)
                        .minLength(1)
                        .maxLength(100)));
      }
    }
    responses.getAPIResponses().entrySet().stream()
        .filter(r -> r.getKey().startsWith("4") || r.getKey().startsWith("5"))
        .map(Map.Entry::getValue)
        .filter(r -> r.getContent() == null || r.getContent().getMediaTypes().isEmpty())
        .forEach(r -> r.setContent(errorContent()));
  }

  private static Schema errorSchema() {
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description("Every error answer of the admin API")
        .addRequired("error")
        .addProperty(
            "error",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING)
                .description("What went wrong, for a person to read"))
        .addProperty(
            "field",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING)
                .description("The parameter, header or body field a 400 or 409 is about"))
        .additionalPropertiesBoolean(true);
  }

  private static org.eclipse.microprofile.openapi.models.media.Content errorContent() {
    return OASFactory.createContent()
        .addMediaType(
            "application/json",
            OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + ERROR_SCHEMA)));
  }

  private static void add(APIResponses responses, String code, String description) {
    if (responses.getAPIResponse(code) == null) {
      responses.addAPIResponse(
          code, OASFactory.createAPIResponse().description(description).content(errorContent()));
    }
  }
}
