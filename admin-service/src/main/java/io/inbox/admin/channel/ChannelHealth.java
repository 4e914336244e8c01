package io.inbox.admin.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.admin.web.Params;
import io.inbox.admin.web.Times;
import io.inbox.domain.channel.ChannelTokens;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A channel's number as Meta sees it (quality rating, messaging limit tier, status), read from the
 * Graph API with the channel's own token, beside its pause state. Never on the event loop: the
 * token may be a Secret file, and the Graph call is the non-blocking client's.
 */
@ApplicationScoped
public class ChannelHealth {

  static final String FIELDS =
      "quality_rating,messaging_limit_tier,status,display_phone_number,name_status";

  private final Pool pool;
  private final ChannelTokens tokens;
  private final GraphApi graph;
  private final ObjectMapper json;
  private final String apiVersion;
  private final Optional<String> defaultNumber;

  public ChannelHealth(
      Pool pool,
      ChannelTokens tokens,
      @RestClient GraphApi graph,
      ObjectMapper json,
      @ConfigProperty(name = "whatsapp.api-version", defaultValue = "v21.0") String apiVersion,
      @ConfigProperty(name = "whatsapp.phone-number-id") Optional<String> defaultNumber) {
    this.pool = pool;
    this.tokens = tokens;
    this.graph = graph;
    this.json = json;
    this.apiVersion = apiVersion;
    this.defaultNumber = defaultNumber;
  }

  /**
   * 404: no such channel; 409: no number or no token to ask with; 502: Meta refused or could not be
   * reached (with Meta's message).
   */
  public Uni<ChannelHealthView> check(long id) {
    return pool.preparedQuery(ChannelSql.FIND)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw Params.notFound("Channel " + id + " not found");
              }
              return rows.iterator().next();
            })
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .flatMap(this::ask);
  }

  private Uni<ChannelHealthView> ask(Row channel) {
    String number =
        Optional.ofNullable(channel.getString("phoneNumberId"))
            .or(() -> channel.getBoolean("isDefault") ? defaultNumber : Optional.empty())
            .orElseThrow(
                () -> conflict("phone number id not configured (WHATSAPP_PHONE_NUMBER_ID)"));
    String tokenRef = channel.getString("tokenRef");
    String token =
        tokens.token(tokenRef).orElseThrow(() -> conflict("token not configured: " + tokenRef));
    return graph
        .phoneNumber(apiVersion, number, FIELDS, "Bearer " + token)
        .onFailure()
        .transform(failure -> badGateway("Graph API unreachable: " + failure.getMessage()))
        .map(response -> view(channel, number, response));
  }

  private ChannelHealthView view(Row channel, String number, Response response) {
    String text = response.hasEntity() ? response.readEntity(String.class) : "";
    JsonNode body;
    try {
      body = text.isEmpty() ? json.createObjectNode() : json.readTree(text);
    } catch (Exception e) {
      body = json.createObjectNode();
    }
    if (response.getStatus() / 100 != 2) {
      String message = body.path("error").path("message").asText("HTTP " + response.getStatus());
      throw badGateway("Graph API: " + message);
    }
    return new ChannelHealthView(
        channel.getLong("id"),
        number,
        textOrNull(body, "display_phone_number"),
        textOrNull(body, "quality_rating"),
        textOrNull(body, "messaging_limit_tier"),
        textOrNull(body, "status"),
        textOrNull(body, "name_status"),
        channel.getLocalDateTime("pausedAt") != null,
        Times.instant(channel.getLocalDateTime("pausedAt")),
        channel.getString("pausedReason"));
  }

  private static String textOrNull(JsonNode body, String field) {
    JsonNode node = body.path(field);
    return node.isValueNode() ? node.asText() : null;
  }

  private static RuntimeException conflict(String error) {
    return Params.status(Response.Status.CONFLICT, Map.of("error", error));
  }

  private static RuntimeException badGateway(String error) {
    return Params.status(Response.Status.BAD_GATEWAY, Map.of("error", error));
  }
}
