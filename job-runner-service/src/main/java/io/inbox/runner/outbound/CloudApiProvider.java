package io.inbox.runner.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.runner.outbound.ProviderFailure.Kind;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The WhatsApp Cloud API: a text or a template, from the sender's number with its token. */
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
  public Uni<String> send(Sender from, String to, Content content, String callbackData) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("messaging_product", "whatsapp");
    message.put("recipient_type", "individual");
    message.put("to", to);
    if (content instanceof Content.Template template) {
      message.put("type", "template");
      message.put("template", template(template));
    } else {
      message.put("type", "text");
      message.put("text", Map.of("preview_url", false, "body", ((Content.Text) content).body()));
    }
    message.put("biz_opaque_callback_data", callbackData);
    return api.send(settings.apiVersion(), from.phoneNumberId(), "Bearer " + from.token(), message)
        .onFailure()
        .transform(
            failure ->
                new ProviderFailure(
                    CloudApiErrors.classify(failure),
                    "network",
                    "Cloud API unreachable: " + failure,
                    failure))
        .map(this::messageId);
  }

  /** Meta's template object: the body's parameters as text, in order. */
  private static Map<String, Object> template(Content.Template template) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", template.name());
    body.put("language", Map.of("code", template.language()));
    if (!template.parameters().isEmpty()) {
      List<Map<String, String>> parameters =
          template.parameters().stream().map(v -> Map.of("type", "text", "text", v)).toList();
      body.put("components", List.of(Map.of("type", "body", "parameters", parameters)));
    }
    return body;
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
          Kind.UNKNOWN_OUTCOME,
          "http_" + status,
          "Cloud API answered " + status + " without a message id");
    }
    JsonNode error = body.path("error");
    boolean metaError = error.isObject();
    Integer code = error.path("code").isNumber() ? error.path("code").asInt() : null;
    String message = error.path("message").asText(text.isEmpty() ? "empty body" : abbreviate(text));
    throw new ProviderFailure(
        CloudApiErrors.classify(status, code, metaError),
        code == null ? "http_" + status : String.valueOf(code),
        "HTTP " + status + (code == null ? "" : " code " + code) + ": " + message);
  }

  /** An edge's HTML error page is not worth a whole lastError. */
  private static String abbreviate(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 120 ? line : line.substring(0, 120) + "…";
  }
}
