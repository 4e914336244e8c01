package io.inbox.admin.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.inbox.admin.AdminDb.admin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.inbox.admin.AdminDb;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/admin/messages/{id}/media against a Cloud API on loopback. */
@QuarkusTest
@WithTestResource(WireMockGraph.class)
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class MediaResourceTest {

  private static final byte[] FILE = "%PDF-1.7 invoice 42 \u00e9".repeat(40).getBytes();

  WireMockServer graph;

  @BeforeEach
  void reset() {
    AdminDb.clean();
    AdminDb.execute(
        """
        INSERT INTO "Channel" ("name", "tokenRef", "isDefault")
        SELECT 'default', 'WHATSAPP_TOKEN', true WHERE NOT EXISTS (SELECT 1 FROM "Channel" WHERE "isDefault");
        INSERT INTO "Channel" ("name", "phoneNumberId", "tokenRef")
        VALUES ('sales', '999', 'WHATSAPP_TOKEN_SALES_UNSET') ON CONFLICT DO NOTHING;
        """);
    graph = WireMockGraph.server();
    graph.resetAll();
  }

  @Test
  void aGoodFileStreamsWithItsTypeAndNameAndBothCallsCarryTheToken() throws Exception {
    long id = message("media-1", base64(FILE), "invoice 42 é.pdf", null);
    lookup("media-1", hex(FILE), FILE.length);
    file("media-1", FILE);

    Response answer = admin().get("/api/admin/messages/" + id + "/media");

    assertEquals(200, answer.statusCode(), answer.asString());
    assertEquals("application/pdf", answer.contentType());
    assertEquals(
        "attachment; filename=\"invoice 42 _.pdf\"; filename*=UTF-8''invoice%2042%20%C3%A9.pdf",
        answer.header("Content-Disposition"));
    assertEquals("nosniff", answer.header("X-Content-Type-Options"));
    assertArrayEquals(FILE, answer.asByteArray());
    graph.verify(
        getRequestedFor(urlEqualTo("/v21.0/media-1"))
            .withHeader("Authorization", equalTo("Bearer test-token")));
    graph.verify(
        getRequestedFor(urlEqualTo("/files/media-1"))
            .withHeader("Authorization", equalTo("Bearer test-token")));
  }

  @Test
  void bytesThatDoNotMatchTheStoredSha256AreNotServed() throws Exception {
    long id = message("media-2", base64("something else".getBytes()), null, null);
    lookup("media-2", hex(FILE), FILE.length);
    file("media-2", FILE);

    Response answer = admin().get("/api/admin/messages/" + id + "/media");

    assertEquals(502, answer.statusCode());
    assertEquals(
        "The file from Meta does not match its SHA-256: not served",
        answer.jsonPath().getString("error"));
  }

  @Test
  void aFileOverTheLimitIsRefusedByItsDeclaredSizeOrByItsBytes() throws Exception {
    byte[] big = new byte[WireMockGraph.LIMIT + 1];
    long declared = message("media-3", base64(big), null, null);
    lookup("media-3", hex(big), big.length);
    file("media-3", big);
    Response refused = admin().get("/api/admin/messages/" + declared + "/media");
    assertEquals(413, refused.statusCode());
    assertEquals(
        "The file is 4097 bytes; the limit is 4096 (admin.media.max-bytes)",
        refused.jsonPath().getString("error"));
    graph.verify(0, getRequestedFor(urlEqualTo("/files/media-3")));

    // Meta's size says small, the bytes are not: counted while they arrive (chunked, no length).
    long lying = message("media-4", base64(big), null, null);
    lookup("media-4", hex(big), 10);
    graph.stubFor(
        get("/files/media-4").willReturn(aResponse().withBody(big).withChunkedDribbleDelay(4, 1)));
    assertEquals(413, admin().get("/api/admin/messages/" + lying + "/media").statusCode());

    byte[] exact = new byte[WireMockGraph.LIMIT];
    long fits = message("media-5", base64(exact), null, null);
    lookup("media-5", hex(exact), exact.length);
    file("media-5", exact);
    Response served = admin().get("/api/admin/messages/" + fits + "/media");
    assertEquals(200, served.statusCode());
    assertEquals("application/pdf", served.contentType());
    assertArrayEquals(exact, served.asByteArray());
  }

  @Test
  void mediaMetaNoLongerHasIsNotFoundAndAFailingMetaIsBadGateway() throws Exception {
    long expired = message("media-6", base64(FILE), null, null);
    graph.stubFor(
        get("/v21.0/media-6")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody("{\"error\":{\"message\":\"not found\",\"code\":100}}")));
    assertEquals(404, admin().get("/api/admin/messages/" + expired + "/media").statusCode());

    long failing = message("media-7", base64(FILE), null, null);
    lookup("media-7", hex(FILE), FILE.length);
    graph.stubFor(get("/files/media-7").willReturn(aResponse().withStatus(500)));
    Response answer = admin().get("/api/admin/messages/" + failing + "/media");
    assertEquals(502, answer.statusCode());
    assertEquals("Meta's media download answered HTTP 500", answer.jsonPath().getString("error"));
  }

  @Test
  void noMediaNoMessageOrNoTokenSaySo() throws Exception {
    long conversation = AdminDb.conversation("+260777711059", "Ada", "hello");
    long plain =
        AdminDb.count("SELECT id FROM \"Message\" WHERE \"conversationId\" = " + conversation);
    Response noMedia = admin().get("/api/admin/messages/" + plain + "/media");
    assertEquals(404, noMedia.statusCode());
    assertEquals("Message " + plain + " has no media", noMedia.jsonPath().getString("error"));
    assertEquals(404, admin().get("/api/admin/messages/999999/media").statusCode());
    assertEquals(400, admin().get("/api/admin/messages/x/media").statusCode());

    long sales = message("media-8", base64(FILE), null, "sales");
    Response noToken = admin().get("/api/admin/messages/" + sales + "/media");
    assertEquals(503, noToken.statusCode());
    assertEquals(
        "No WhatsApp token for this channel: set WHATSAPP_TOKEN_SALES_UNSET (environment or"
            + " WHATSAPP_TOKEN_DIR)",
        noToken.jsonPath().getString("error"));
    graph.verify(0, getRequestedFor(urlEqualTo("/v21.0/media-8")));
  }

  /** An inbound document with this media id in a new conversation (of the named channel). */
  private static long message(String mediaId, String sha256, String filename, String channel) {
    return Long.parseLong(
        AdminDb.value(
            """
            WITH contact AS (INSERT INTO "Contact" ("phone") VALUES ('+1%1$s') RETURNING "id"),
            conversation AS (
              INSERT INTO "Conversation" ("contactId", "channelId")
              SELECT contact."id", (SELECT "id" FROM "Channel" WHERE "name" = %4$s) FROM contact
              RETURNING "id")
            INSERT INTO "Message" ("conversationId", "direction", "body", "providerMessageId", "type",
                                   "mediaId", "mimeType", "sha256", "filename")
            SELECT "id", 'INBOUND', '[document]', 'wamid.%1$s', 'document', '%1$s', 'application/pdf',
                   '%2$s', %3$s
              FROM conversation RETURNING "id"
            """
                .formatted(
                    mediaId,
                    sha256,
                    filename == null ? "NULL" : "'" + filename + "'",
                    channel == null ? "NULL" : "'" + channel + "'")));
  }

  private void lookup(String mediaId, String sha256, long size) {
    graph.stubFor(
        get("/v21.0/" + mediaId)
            .willReturn(
                okJson(
                    """
                    {"messaging_product":"whatsapp","url":"%s/files/%s","mime_type":"application/pdf",
                     "sha256":"%s","file_size":"%d","id":"%s"}
                    """
                        .formatted(graph.baseUrl(), mediaId, sha256, size, mediaId))));
  }

  private void file(String mediaId, byte[] bytes) {
    graph.stubFor(
        get("/files/" + mediaId)
            .withHeader("Authorization", equalTo("Bearer test-token"))
            .willReturn(aResponse().withHeader("Content-Type", "application/pdf").withBody(bytes)));
  }

  private static String base64(byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
