package io.inbox.webhook.whatsapp;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;

/** Cloud API webhook bodies as Meta sends them, and a signed POST of one. */
public final class WebhookBodies {

  static final String SECRET = "test-app-secret";

  private WebhookBodies() {}

  public static String text(String waId, String name, String wamid, String text) {
    return envelope(
        """
        {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000","phone_number_id":"123"},
         "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
         "messages":[{"from":"%s","id":"%s","timestamp":"1767225600","type":"text","text":{"body":"%s"}}]}
        """
            .formatted(name, waId, waId, wamid, text));
  }

  static String image(String waId, String wamid) {
    return envelope(
        """
        {"messaging_product":"whatsapp","contacts":[{"profile":{"name":"Img"},"wa_id":"%s"}],
         "messages":[{"from":"%s","id":"%s","timestamp":"1767225600","type":"image",
                      "image":{"id":"media1","mime_type":"image/jpeg"}}]}
        """
            .formatted(waId, waId, wamid));
  }

  /** One change carrying these {@code messages[]} items, as they are. */
  static String messages(String waId, String name, String... items) {
    return envelope(
        """
        {"messaging_product":"whatsapp","contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
         "messages":[%s]}
        """
            .formatted(name, waId, String.join(",", items)));
  }

  static String status(String wamid, String status, String callbackData) {
    String data =
        callbackData == null ? "" : ",\"biz_opaque_callback_data\":\"" + callbackData + "\"";
    return envelope(
        """
        {"messaging_product":"whatsapp","statuses":[{"id":"%s","status":"%s","timestamp":"1767225601",
          "recipient_id":"260777711059"%s}]}
        """
            .formatted(wamid, status, data));
  }

  /** Two entries, the second with two changes: all three messages must count. */
  static String batchOfThree(String waId, String first, String second, String third) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":["
        + "{\"id\":\"waba\",\"changes\":["
        + change(waId, first)
        + "]},{\"id\":\"waba\",\"changes\":["
        + change(waId, second)
        + ","
        + change(waId, third)
        + "]}]}";
  }

  /** One change with a message from each of two customers, in this order. */
  static String twoCustomers(
      String firstWaId, String firstWamid, String secondWaId, String secondWamid) {
    return envelope(
        """
        {"messaging_product":"whatsapp",
         "contacts":[{"profile":{"name":"One"},"wa_id":"%1$s"},{"profile":{"name":"Two"},"wa_id":"%3$s"}],
         "messages":[{"from":"%1$s","id":"%2$s","timestamp":"1767225600","type":"text","text":{"body":"hi"}},
                     {"from":"%3$s","id":"%4$s","timestamp":"1767225600","type":"text","text":{"body":"hi"}}]}
        """
            .formatted(firstWaId, firstWamid, secondWaId, secondWamid));
  }

  private static String change(String waId, String wamid) {
    return """
        {"field":"messages","value":{"messaging_product":"whatsapp",
          "contacts":[{"profile":{"name":"Batch"},"wa_id":"%s"}],
          "messages":[{"from":"%s","id":"%s","timestamp":"1767225600","type":"text","text":{"body":"%s"}}]}}
        """
        .formatted(waId, waId, wamid, wamid);
  }

  public static ValidatableResponse post(String body) {
    return given()
        .contentType("application/json")
        .header("X-Hub-Signature-256", SignatureVerifier.sign(bytes(body), SECRET))
        .body(bytes(body))
        .post("/api/webhooks/whatsapp")
        .then();
  }

  static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static String envelope(String value) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"waba\",\"changes\":[{\"field\":\"messages\",\"value\":"
        + value
        + "}]}]}";
  }
}
