package io.inbox.webhook.whatsapp;

import static io.inbox.webhook.whatsapp.WebhookBodies.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A signed webhook with one message of each kind: each row holds its type's columns. */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = Rows.DB))
class InboundTypesTest {

  @BeforeEach
  void emptyTables() {
    Rows.clean();
  }

  @Test
  void everyTypeIsStoredWithWhatItCarriesAndAMalformedOneAloneIsLeftOut() throws IOException {
    post(WebhookBodies.messages(
            "16505551234",
            "Pablo",
            item("image"),
            item("document"),
            item("location"),
            item("contacts"),
            item("interactive-list"),
            item("reaction"),
            item("system"),
            item("unsupported"),
            "{\"from\":\"16505551234\",\"id\":\"wamid.BROKEN\",\"type\":\"video\",\"video\":7}"))
        .statusCode(200);

    assertEquals(
        "image|My receipt|1003383421387256|image/jpeg|2sDqZ8ClWnyaeY1Tm0b4XS5rW1vFkT1GvtKPzDbUfdk=|My receipt",
        row("wamid.IMAGE", "type, body, \"mediaId\", \"mimeType\", sha256, caption"));
    assertEquals(
        "document|[document] invoice-42.pdf|1376223850470843|application/pdf|invoice-42.pdf|",
        row("wamid.DOCUMENT", "type, body, \"mediaId\", \"mimeType\", filename, caption"));
    assertEquals(
        "location|37.483253479004|-122.14872741699|Main Office|1 Hacker Way, Menlo Park, CA 94025"
            + "|https://www.example.com",
        row(
            "wamid.LOCATION",
            "type, latitude, longitude, \"locationName\", \"locationAddress\", details->>'url'"));
    assertEquals(
        "contacts|[contacts] Pablo Morales, Ana Silva|2|+1 (650) 555-1234",
        row(
            "wamid.CONTACTS",
            "type, body, jsonb_array_length(details), details->0->'phones'->0->>'phone'"));
    assertEquals(
        "interactive|Express Shipping|wamid.MENU|priority_express",
        row("wamid.LISTREPLY", "type, body, \"contextMessageId\", details->'list_reply'->>'id'"));
    assertEquals(
        "reaction|\uD83D\uDC4D|wamid.REACTEDTO|",
        row("wamid.REACTION", "type, body, \"contextMessageId\", \"mediaId\""));
    assertEquals("system|user_changed_number", row("wamid.SYSTEM", "type, details->>'type'"));
    assertEquals(
        "unsupported|[unsupported]|131051",
        row("wamid.UNSUPPORTED", "type, body, details->'errors'->0->>'code'"));
    assertEquals(
        0,
        Rows.count(
            "SELECT count(*) FROM \"Message\" WHERE \"providerMessageId\" = 'wamid.BROKEN'"));
    assertEquals(8, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
    assertEquals(
        "entry[0].changes[0].messages[8]: \"video\" has the wrong shape",
        Rows.value("SELECT error FROM \"WebhookEvent\""));
  }

  @Test
  void aRedeliveryOfATypedMessageChangesNothing() throws IOException {
    String body = WebhookBodies.messages("16505551234", "Pablo", item("image"));
    post(body).statusCode(200);
    post(body).statusCode(200);
    assertEquals(1, Rows.count("SELECT count(*) FROM \"Message\" WHERE type = 'image'"));
    assertEquals(1, Rows.count("SELECT count(*) FROM \"OutboundJob\""));
  }

  /** The columns joined by "|", a NULL as nothing. */
  private static String row(String wamid, String columns) {
    return Rows.value(
        "SELECT concat("
            + columns.replace(", ", ", '|', ")
            + ") FROM \"Message\" WHERE \"providerMessageId\" = '"
            + wamid
            + "'");
  }

  private static String item(String name) throws IOException {
    return new String(InboundContentTest.resource(name), StandardCharsets.UTF_8);
  }
}
