package io.inbox.webhook.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One item per type, in the shape Meta documents (test resources {@code messages/}). */
class InboundContentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> documentedShapes() {
    return Stream.of(
        row("text-reply", text("text", "Is it in stock?", "wamid.OURS", null)),
        row(
            "image",
            media(
                "image",
                "My receipt",
                "1003383421387256",
                "image/jpeg",
                "2sDqZ8ClWnyaeY1Tm0b4XS5rW1vFkT1GvtKPzDbUfdk=",
                null,
                "My receipt",
                null)),
        row(
            "image-no-caption",
            media(
                "image",
                "[image]",
                "1003383421387257",
                "image/jpeg",
                "2sDqZ8ClWnyaeY1Tm0b4XS5rW1vFkT1GvtKPzDbUfdk=",
                null,
                null,
                null)),
        row(
            "audio",
            media(
                "audio",
                "[audio]",
                "1139137687367431",
                "audio/ogg; codecs=opus",
                "Nl7LV2fZ9u1JqGJT0y6mHYH7jC4dHo+n/Rn0Jt0sOk8=",
                null,
                null,
                "{\"voice\":true}")),
        row(
            "video",
            media(
                "video",
                "Look at this",
                "1166845181421294",
                "video/mp4",
                "fGp5y2xX8j0m3rYbq5eQ6YdQmR6Zq8y1m8v3qC1p2rA=",
                null,
                "Look at this",
                null)),
        row(
            "document",
            media(
                "document",
                "[document] invoice-42.pdf",
                "1376223850470843",
                "application/pdf",
                "kNqD0Xq3oVJb2bqWn6Q3a8wqE7z0fF1m6Y8cE3q4s2U=",
                "invoice-42.pdf",
                null,
                null)),
        row(
            "sticker",
            media(
                "sticker",
                "[sticker]",
                "1073934547628128",
                "image/webp",
                "Wq9H3m8bZC0KcY4o1QeR5uN2xT7vJ6pL8sD3fG1hK0E=",
                null,
                null,
                "{\"animated\":false}")),
        row(
            "location",
            new InboundContent(
                "location",
                "[location] Main Office, 1 Hacker Way, Menlo Park, CA 94025",
                null,
                null,
                null,
                null,
                null,
                37.483253479004,
                -122.14872741699,
                "Main Office",
                "1 Hacker Way, Menlo Park, CA 94025",
                null,
                "{\"url\":\"https://www.example.com\"}")),
        row(
            "location-pin",
            new InboundContent(
                "location",
                "[location] -15.4167, 28.2833",
                null,
                null,
                null,
                null,
                null,
                -15.4167,
                28.2833,
                null,
                null,
                null,
                null)),
        row(
            "interactive-button",
            text(
                "interactive",
                "Yes, confirm",
                "wamid.QUESTION",
                "{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"confirm-yes\",\"title\":\"Yes, confirm\"}}")),
        row(
            "interactive-list",
            text(
                "interactive",
                "Express Shipping",
                "wamid.MENU",
                "{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"priority_express\","
                    + "\"title\":\"Express Shipping\",\"description\":\"Next Day to 2 Days\"}}")),
        row(
            "button",
            text(
                "button",
                "Stop promotions",
                "wamid.TEMPLATE",
                "{\"payload\":\"stop-promotions\",\"text\":\"Stop promotions\"}")),
        row("reaction", text("reaction", "\uD83D\uDC4D", "wamid.REACTEDTO", null)),
        row("reaction-removed", text("reaction", "[reaction removed]", "wamid.REACTEDTO", null)),
        row(
            "system",
            text(
                "system",
                "Pablo changed from 16505551234 to 16505559999",
                null,
                "{\"body\":\"Pablo changed from 16505551234 to 16505559999\","
                    + "\"new_wa_id\":\"16505559999\",\"type\":\"user_changed_number\"}")),
        row(
            "unsupported",
            text(
                "unsupported",
                "[unsupported]",
                null,
                "{\"errors\":[{\"code\":131051,\"title\":\"Message type unknown\","
                    + "\"message\":\"Message type unknown\","
                    + "\"error_data\":{\"details\":\"Message type is currently not supported.\"}}]}")),
        row(
            "unknown-type",
            text(
                "unsupported",
                "[order]",
                null,
                "{\"type\":\"order\",\"order\":{\"catalog_id\":\"catalog-1\","
                    + "\"product_items\":[{\"product_retailer_id\":\"sku-1\",\"quantity\":2}]}}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedShapes")
  void everyDocumentedShapeIsReadIntoItsColumns(String file, InboundContent expected)
      throws IOException {
    assertEquals(expected, InboundContent.of(JSON.readTree(resource(file))));
  }

  @Test
  void contactsCardsStayWholeAndTheBodyNamesThePeople() throws IOException {
    var message = JSON.readTree(resource("contacts"));
    InboundContent content = InboundContent.of(message);
    assertEquals("contacts", content.type());
    assertEquals("[contacts] Pablo Morales, Ana Silva", content.body());
    assertEquals(JSON.readTree(content.details()), message.path("contacts"));
  }

  @Test
  void aTypesObjectOfTheWrongShapeIsMalformedAndAMissingOneIsNot() throws IOException {
    assertEquals("image", malformed("{\"type\":\"image\",\"image\":\"x\"}"));
    assertEquals("contacts", malformed("{\"type\":\"contacts\",\"contacts\":{}}"));
    assertEquals("location", malformed("{\"type\":\"location\",\"location\":[1,2]}"));
    assertNull(malformed("{\"type\":\"image\"}"));
    assertNull(malformed("{\"type\":\"image\",\"image\":null}"));
    assertNull(malformed("{\"type\":\"order\",\"order\":\"x\"}"));
    assertNull(malformed("{\"type\":\"contacts\",\"contacts\":[]}"));
  }

  @Test
  void missingFieldsFallBackToReadableMarkers() throws IOException {
    assertEquals("", of("{\"type\":\"text\"}").body());
    assertEquals("[button]", of("{\"type\":\"button\"}").body());
    assertEquals("[interactive]", of("{\"type\":\"interactive\"}").body());
    assertEquals("[system]", of("{\"type\":\"system\"}").body());
    assertEquals("[location]", of("{\"type\":\"location\",\"location\":{}}").body());
    assertEquals("[contacts]", of("{\"type\":\"contacts\",\"contacts\":[{}]}").body());
    assertEquals("[unsupported]", of("{}").body());
    assertEquals("unsupported", of("{}").type());
    assertNull(of("{\"type\":\"unknown\"}").details());
    InboundContent pin =
        of("{\"type\":\"location\",\"location\":{\"latitude\":\"1.5\",\"longitude\":\"NaN\"}}");
    assertEquals(1.5, pin.latitude());
    assertNull(pin.longitude());
    assertEquals("[location]", pin.body());
    assertEquals(
        "Sent",
        of("{\"type\":\"interactive\",\"interactive\":{\"type\":\"nfm_reply\","
                + "\"nfm_reply\":{\"body\":\"Sent\",\"response_json\":\"{}\"}}}")
            .body());
  }

  private static String malformed(String json) throws IOException {
    return InboundContent.malformedField(JSON.readTree(json));
  }

  private static InboundContent of(String json) throws IOException {
    return InboundContent.of(JSON.readTree(json));
  }

  private static Arguments row(String file, InboundContent expected) {
    return Arguments.of(file, expected);
  }

  private static InboundContent text(String type, String body, String context, String details) {
    return new InboundContent(
        type, body, null, null, null, null, null, null, null, null, null, context, details);
  }

  private static InboundContent media(
      String type,
      String body,
      String id,
      String mime,
      String sha,
      String filename,
      String caption,
      String details) {
    return new InboundContent(
        type, body, id, mime, sha, filename, caption, null, null, null, null, null, details);
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in =
        InboundContentTest.class.getResourceAsStream("/messages/" + name + ".json")) {
      return in.readAllBytes();
    }
  }
}
