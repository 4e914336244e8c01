package io.inbox.runner.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.runner.outbound.ProviderFailure.Kind;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The WhatsApp Cloud API. */
public class CloudApiProvider implements MessageProvider {

  private final CloudApi api;
  private final WhatsAppSettings settings;
  private final ObjectMapper json;

  public CloudApiProvider(@RestClient CloudApi api, WhatsAppSettings settings, ObjectMapper json) {
    this.api = api;
    this.settings = settings;
    this.json = json;
  }

  @Override
  public Uni<String> send(String to, String body, String callbackData) {
    Map<String, Object> message =
        Map.of(
            "messaging_product",
            "whatsapp",
            "recipient_type",
            "individual",
            "to",
            to,
            "type",
            "text",
            "text",
            Map.of("preview_url", false, "body", body),
            "biz_opaque_callback_data",
            callbackData);
    return api.send(
            settings.apiVersion(),
            settings.phoneNumberId().orElse(""),
            "Bearer " + settings.token().orElse(""),
            message)
        .onFailure()
        .transform(
            failure ->
                new ProviderFailure(
                    CloudApiErrors.classify(failure), "Cloud API unreachable: " + failure, failure))
        .map(this::messageId);
  }

  private String messageId(Response response) {
    String text = response.hasEntity() ? response.readEntity(String.class) : "";
    JsonNode body;
    try {
      body = text.isEmpty() ? json.createObjectNode() : json.readTree(text);
    } catch (Exception e) {
      body = json.createObjectNode();
    }
    int status = response.getStatus();
    String id = body.path("messages").path(0).path("id").asText("");
    if (status / 100 == 2 && !id.isEmpty()) {
      return id;
    }
    if (status / 100 == 2) {
      // Accepted but no id: it was probably sent; treat as unknown, never resend blindly.
      throw new ProviderFailure(
          Kind.UNKNOWN_OUTCOME, "Cloud API answered " + status + " without a message id");
    }
    JsonNode error = body.path("error");
    boolean metaError = error.isObject();
    Integer code = error.path("code").isNumber() ? error.path("code").asInt() : null;
    String message = error.path("message").asText(text.isEmpty() ? "empty body" : abbreviate(text));
    throw new ProviderFailure(
        CloudApiErrors.classify(status, code, metaError),
        "HTTP " + status + (code == null ? "" : " code " + code) + ": " + message);
  }

  /** An edge's HTML error page is not worth a whole lastError. */
  private static String abbreviate(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 120 ? line : line.substring(0, 120) + "…";
  }
}
