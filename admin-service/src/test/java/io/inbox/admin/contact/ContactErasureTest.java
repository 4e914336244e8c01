package io.inbox.admin.contact;

import static io.inbox.admin.AdminDb.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.admin.AdminDb;
import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.schema.SchemaContract;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Erasure: the contact's data leaves every table; the rows, their counts and keys stay. */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class ContactErasureTest {

  static final String PHONE = "+260777711059";
  static final String DIGITS = "260777711059";

  long contact;
  long conversation;
  long other;

  @BeforeEach
  void seed() {
    AdminDb.clean();
    other = AdminDb.conversation("+260955500001", "Bo", "keep me");
    conversation =
        Long.parseLong(
            AdminDb.value(
                """
                WITH contact AS (INSERT INTO "Contact" ("phone", "waId", "name") VALUES ('%1$s', '%2$s', 'Ada Lovelace') RETURNING "id"),
                conversation AS (INSERT INTO "Conversation" ("contactId") SELECT "id" FROM contact RETURNING "id")
                SELECT "id" FROM conversation
                """
                    .formatted(PHONE, DIGITS)));
    contact =
        AdminDb.count("SELECT \"contactId\" FROM \"Conversation\" WHERE id = " + conversation);
    AdminDb.execute(
        """
        INSERT INTO "Message" ("conversationId", direction, body, "providerMessageId")
        VALUES (%1$d, 'INBOUND', 'I am Ada, call me on %2$s', 'wamid.in1'),
               (%1$d, 'OUTBOUND', 'Hello Ada', 'wamid.out1');
        INSERT INTO "Message" ("conversationId", direction, body, "providerMessageId", type, "mediaId",
                               "mimeType", sha256, filename, caption, latitude, longitude,
                               "locationName", "locationAddress", "contextMessageId", details)
        VALUES (%1$d, 'INBOUND', '[document] Lovelace-passport.pdf', 'wamid.doc', 'document', 'media-ada',
                'application/pdf', 'c2hh', 'Lovelace-passport.pdf', 'Lovelace passport', NULL, NULL,
                NULL, NULL, 'wamid.out1', '{"voice": false}'),
               (%1$d, 'INBOUND', '[location] Lovelace home', 'wamid.loc', 'location', NULL, NULL, NULL,
                NULL, NULL, 51.5, -0.12, 'Lovelace home', '12 Lovelace Street', NULL,
                '{"url": "https://lovelace.example"}');
        INSERT INTO "OutboundJob" ("conversationId", "inboundProviderMessageId", status) VALUES (%1$d, 'wamid.in1', 'DONE');
        INSERT INTO "OutboundMessageLog" ("conversationId", "outboundJobId", "dedupeKey", status, recipient, body)
        SELECT %1$d, id, 'wamid.in1:0', 'SENT', '%3$s', 'Hello Ada' FROM "OutboundJob";
        INSERT INTO "OrchestratorRun" ("outboundJobId", "conversationId", model, prompt, answer, source, reply, handover, reason)
        SELECT id, %1$d, 'm', '[{"role":"user","content":"I am Ada Lovelace, call me on %2$s"}]',
               '{"reply":"Hello Ada Lovelace"}', 'MODEL', 'Hello Ada Lovelace', false, 'Lovelace asked'
          FROM "OutboundJob";
        INSERT INTO "Task" ("conversationId", title) VALUES (%1$d, 'handover');
        INSERT INTO "WebhookEvent" ("signatureValid", payload, "rawBody") VALUES
          (true, '{"entry":[{"changes":[{"value":{"contacts":[{"wa_id":"%3$s","profile":{"name":"Ada Lovelace"}}]}}]}]}',
           '{"wa_id":"%3$s"}'),
          (true, '{"entry":[{"changes":[{"value":{"contacts":[{"wa_id":"260955500001"}]}}]}]}', '{"wa_id":"260955500001"}');
        """
            .formatted(conversation, PHONE, DIGITS));
  }

  /** Rows per product table. */
  private static Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (SchemaContract.Table t : ProductSchema.CONTRACT.tables()) {
      if (!t.name().equals("InboxEvent") && !t.name().equals("Notification")) {
        counts.put(t.name(), AdminDb.count("SELECT count(*) FROM \"" + t.name() + "\""));
      }
    }
    return counts;
  }

  /** Rows, in any product table, whose text holds {@code needle}. */
  private static long traces(String needle) {
    long found = 0;
    for (SchemaContract.Table t : ProductSchema.CONTRACT.tables()) {
      found +=
          AdminDb.count(
              "SELECT count(*) FROM \"" + t.name() + "\" r WHERE r::text LIKE '%" + needle + "%'");
    }
    return found;
  }

  @Test
  void erasureLeavesNoTraceOfThePhoneOrNameAndKeepsEveryRow() {
    Map<String, Long> before = counts();
    assertEquals(true, traces(DIGITS) > 0, "the seed holds the phone");

    admin()
        .post("/api/admin/contacts/" + contact + "/erase")
        .then()
        .statusCode(200)
        .body("contactId", equalTo((int) contact))
        .body("messages", equalTo(4))
        .body("ledgerRows", equalTo(1))
        .body("webhookEvents", equalTo(1));

    assertEquals(before, counts());
    assertEquals(0, traces(DIGITS));
    assertEquals(0, traces("Lovelace"));
    assertEquals(
        "erased:" + contact + "|||t",
        AdminDb.value(
            "SELECT concat_ws('|', phone, coalesce(name, ''), coalesce(\"waId\", ''), \"erasedAt\" IS NOT NULL) FROM \"Contact\" WHERE id = "
                + contact));
    assertEquals(
        "4",
        AdminDb.value(
            "SELECT count(*) FROM \"Message\" WHERE body = '[erased]' AND \"conversationId\" = "
                + conversation));
    // A file's and a place's personal fields go too; the type and the reply link stay.
    assertEquals(
        "document|application/pdf|wamid.out1|location",
        AdminDb.value(
            "SELECT string_agg(concat_ws('|', type, \"mimeType\", \"contextMessageId\","
                + " \"mediaId\", filename, caption, latitude, longitude, \"locationName\","
                + " \"locationAddress\", details::text), '|' ORDER BY type)"
                + " FROM \"Message\" WHERE \"providerMessageId\" IN ('wamid.doc', 'wamid.loc')"));
    assertEquals(
        "[erased]|",
        AdminDb.value(
            "SELECT concat_ws('|', body, coalesce(recipient, '')) FROM \"OutboundMessageLog\""));
    assertEquals(
        "{\"erased\": true}",
        AdminDb.value("SELECT payload::text FROM \"WebhookEvent\" WHERE \"rawBody\" IS NULL"));
    // Bo and what the erased contact's rows point at are untouched.
    assertEquals(
        "keep me",
        AdminDb.value("SELECT body FROM \"Message\" WHERE \"conversationId\" = " + other));
    assertEquals(
        "1",
        AdminDb.value(
            "SELECT count(*) FROM \"WebhookEvent\" WHERE \"rawBody\" LIKE '%260955500001%'"));
    assertEquals(
        String.valueOf(contact),
        AdminDb.value("SELECT \"contactId\" FROM \"Conversation\" WHERE id = " + conversation));
    assertEquals(
        "CONTACT_ERASED|t",
        AdminDb.value(
            "SELECT concat_ws('|', type, body LIKE 'Erased by Ada Agent at 20%') FROM \"Notification\""));
  }

  @Test
  void aSecondErasureAnswers200AndWritesNothing() {
    String erasedAt =
        admin()
            .post("/api/admin/contacts/" + contact + "/erase")
            .then()
            .statusCode(200)
            .extract()
            .path("erasedAt");
    long events = AdminDb.count("SELECT count(*) FROM \"InboxEvent\"");
    String updated = AdminDb.value("SELECT max(\"updatedAt\")::text FROM \"OutboundMessageLog\"");

    admin()
        .post("/api/admin/contacts/" + contact + "/erase")
        .then()
        .statusCode(200)
        .body("erasedAt", equalTo(erasedAt))
        .body("messages", equalTo(0))
        .body("ledgerRows", equalTo(0))
        .body("webhookEvents", equalTo(0));
    assertEquals(events, AdminDb.count("SELECT count(*) FROM \"InboxEvent\""));
    assertEquals(
        updated, AdminDb.value("SELECT max(\"updatedAt\")::text FROM \"OutboundMessageLog\""));
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"Notification\""));
  }

  @Test
  void anUnknownContactIs404AndABadId400() {
    admin()
        .post("/api/admin/contacts/999/erase")
        .then()
        .statusCode(404)
        .body("error", equalTo("Contact 999 not found"));
    admin().post("/api/admin/contacts/x/erase").then().statusCode(400).body("field", equalTo("id"));
    assertEquals(
        0, AdminDb.count("SELECT count(*) FROM \"Contact\" WHERE \"erasedAt\" IS NOT NULL"));
  }
}
