package io.inbox.admin.reply;

import static io.inbox.admin.AdminDb.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.admin.AdminDb;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class ReplyResourceTest {

  long conversation;

  @BeforeEach
  void seed() {
    AdminDb.clean();
    conversation = AdminDb.conversation("+260777700001", "Ada", "hello");
    inboundAgo(conversation, "1 hour");
  }

  @Test
  void aReplyIsQueuedAsAPendingMessageWithItsAgentReplyJob() {
    String clientId = UUID.randomUUID().toString();
    int id =
        post(conversation, "{\"body\":\"Hi, Ada here\",\"clientMessageId\":\"" + clientId + "\"}")
            .then()
            .statusCode(202)
            .body("conversationId", equalTo((int) conversation))
            .body("body", equalTo("Hi, Ada here"))
            .body("status", equalTo("PENDING"))
            .body("author", equalTo("Ada Agent"))
            .body("clientMessageId", equalTo(clientId))
            .body("createdAt", notNullValue())
            .body("providerMessageId", nullValue())
            .extract()
            .path("id");

    assertEquals(
        "OUTBOUND|PENDING|Ada Agent|Hi, Ada here",
        AdminDb.value(
            "SELECT direction || '|' || status || '|' || author || '|' || body FROM \"Message\""
                + " WHERE \"clientMessageId\" = '"
                + clientId
                + "'"));
    assertEquals(
        "AGENT_REPLY|QUEUED|agent:" + clientId + "|" + id + "|" + conversation,
        AdminDb.value(
            "SELECT kind || '|' || status || '|' || \"inboundProviderMessageId\" || '|'"
                + " || \"outboundMessageId\" || '|' || \"conversationId\" FROM \"OutboundJob\""));
  }

  @Test
  void theSameRequestAgainIsTheSameMessageAndNothingNew() {
    String json = "{\"body\":\"On my way\",\"clientMessageId\":\"c-1\"}";
    double queued = repliesQueued();
    int first = post(conversation, json).then().statusCode(202).extract().path("id");
    AdminDb.execute("UPDATE \"Message\" SET status = 'SENT' WHERE id = " + first);

    post(conversation, json)
        .then()
        .statusCode(202)
        .body("id", equalTo(first))
        .body("status", equalTo("SENT"));
    assertEquals(2, AdminDb.count("SELECT count(*) FROM \"Message\""));
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"OutboundJob\""));
    assertEquals(1, repliesQueued() - queued, "admin_agent_replies_total counts the reply once");
  }

  /** admin_agent_replies_total at /q/metrics. */
  private static double repliesQueued() {
    return given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString()
        .lines()
        .filter(l -> l.startsWith("admin_agent_replies_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aClientMessageIdReusedForAnotherMessageIs409() {
    long other = AdminDb.conversation("+260777700002", "Bo", "hi");
    inboundAgo(other, "1 minute");
    post(conversation, "{\"body\":\"one\",\"clientMessageId\":\"c-2\"}").then().statusCode(202);

    for (String[] attempt :
        new String[][] {{String.valueOf(conversation), "two"}, {String.valueOf(other), "one"}}) {
      post(
              Long.parseLong(attempt[0]),
              "{\"body\":\"" + attempt[1] + "\",\"clientMessageId\":\"c-2\"}")
          .then()
          .statusCode(409)
          .body("error", equalTo("clientMessageId already used for another message"))
          .body("field", equalTo("clientMessageId"));
    }
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"OutboundJob\""));
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'"));
  }

  @Test
  void twentyIdenticalRequestsAtOnceAreOneMessageAndOneJob() throws Exception {
    String json = "{\"body\":\"Checking now\",\"clientMessageId\":\"" + UUID.randomUUID() + "\"}";
    int parallel = 20;
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < parallel; i++) {
        Callable<Response> call =
            () -> {
              start.await();
              return post(conversation, json);
            };
        answers.add(pool.submit(call));
      }
      start.countDown();
      Set<String> outcomes = new HashSet<>();
      for (Future<Response> answer : answers) {
        Response response = answer.get();
        outcomes.add(response.statusCode() + " " + response.path("id"));
      }
      String messageId =
          AdminDb.value("SELECT id FROM \"Message\" WHERE \"clientMessageId\" IS NOT NULL");
      assertEquals(Set.of("202 " + messageId), outcomes);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'"));
    assertEquals(1, AdminDb.count("SELECT count(*) FROM \"OutboundJob\""));
  }

  @Test
  void outsideTheTwentyFourHourWindowNothingIsWritten() {
    String at =
        AdminDb.value(
            "UPDATE \"Conversation\" SET \"lastInboundAt\" = (now() AT TIME ZONE 'UTC')"
                + " - interval '24 hours 1 second' WHERE id = "
                + conversation
                + " RETURNING to_char(\"lastInboundAt\", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')");
    post(conversation, "{\"body\":\"late\",\"clientMessageId\":\"c-3\"}")
        .then()
        .statusCode(409)
        .body("error", equalTo("window_closed"))
        .body("lastInboundAt", equalTo(Instant.parse(at).toString()));

    long never = AdminDb.conversation("+260777700003", "Cy", "hi");
    post(never, "{\"body\":\"late\",\"clientMessageId\":\"c-4\"}")
        .then()
        .statusCode(409)
        .body("error", equalTo("window_closed"))
        .body("lastInboundAt", nullValue());
    assertNothingWritten();
  }

  @Test
  void justInsideTheWindowTheReplyIsQueued() {
    AdminDb.execute(
        "UPDATE \"Conversation\" SET \"lastInboundAt\" = (now() AT TIME ZONE 'UTC')"
            + " - interval '23 hours 59 minutes' WHERE id = "
            + conversation);
    post(conversation, "{\"body\":\"in time\",\"clientMessageId\":\"c-5\"}").then().statusCode(202);
  }

  @Test
  void badInputIs400NamingTheFieldAndWritesNothing() {
    String id = "\"clientMessageId\":\"c-6\"";
    String[][] cases = {
      {"{\"body\":\"\"," + id + "}", "body"},
      {"{\"body\":\"   \\n \"," + id + "}", "body"},
      {"{" + id + "}", "body"},
      {"{\"body\":42," + id + "}", "body"},
      {"{\"body\":\"" + "x".repeat(4097) + "\"," + id + "}", "body"},
      {"{\"body\":\"a\\u0000b\"," + id + "}", "body"},
      {"{\"body\":\"hi\"}", "clientMessageId"},
      {"{\"body\":\"hi\",\"clientMessageId\":\"  \"}", "clientMessageId"},
      {"{\"body\":\"hi\",\"clientMessageId\":7}", "clientMessageId"},
      {"{\"body\":\"hi\",\"clientMessageId\":\"" + "c".repeat(101) + "\"}", "clientMessageId"},
      {"{\"body\":\"hi\",\"clientMessageId\":\"a\\tb\"}", "clientMessageId"},
      {"{\"body\": \"hi\", ", "request"},
      {"[]", "request"},
      {"", "request"},
    };
    for (String[] c : cases) {
      post(conversation, c[0]).then().statusCode(400).body("field", equalTo(c[1]));
    }
    admin()
        .contentType("application/json")
        .body("{\"body\":\"hi\"," + id + "}")
        .post("/api/admin/conversations/abc/messages")
        .then()
        .statusCode(400)
        .body("field", equalTo("id"));
    assertNothingWritten();

    // The longest body WhatsApp takes (4,096 characters, one of them outside the BMP) is fine.
    String longest = "😀" + "x".repeat(4095);
    post(conversation, "{\"body\":\"" + longest + "\"," + id + "}").then().statusCode(202);
  }

  @Test
  void anUnknownOrDeletedConversationIs404() {
    post(424242, "{\"body\":\"hi\",\"clientMessageId\":\"c-7\"}").then().statusCode(404);
    AdminDb.execute(
        "UPDATE \"Conversation\" SET \"deletedAt\" = (now() AT TIME ZONE 'UTC') WHERE id = "
            + conversation);
    post(conversation, "{\"body\":\"hi\",\"clientMessageId\":\"c-8\"}").then().statusCode(404);
    assertNothingWritten();
  }

  @Test
  void everyReplyNeedsTheTokenAndTheAgentsName() {
    given()
        .header("Authorization", "Bearer test-admin-token")
        .contentType("application/json")
        .body("{\"body\":\"hi\",\"clientMessageId\":\"c-9\"}")
        .post("/api/admin/conversations/" + conversation + "/messages")
        .then()
        .statusCode(400)
        .body("field", equalTo("X-Admin-User"));
    given()
        .header("X-Admin-User", "Ada Agent")
        .contentType("application/json")
        .body("{\"body\":\"hi\",\"clientMessageId\":\"c-9\"}")
        .post("/api/admin/conversations/" + conversation + "/messages")
        .then()
        .statusCode(401);
    assertNothingWritten();
  }

  @Test
  void theConversationResourceBesideItStillAnswers() {
    admin().get("/api/admin/conversations/" + conversation).then().statusCode(200);
    admin().get("/api/admin/conversations/424242").then().statusCode(404);
  }

  private static Response post(long conversation, String json) {
    return admin()
        .contentType("application/json")
        .body(json)
        .post("/api/admin/conversations/" + conversation + "/messages");
  }

  private static void inboundAgo(long conversation, String interval) {
    AdminDb.execute(
        "UPDATE \"Conversation\" SET \"lastInboundAt\" = (now() AT TIME ZONE 'UTC') - interval '"
            + interval
            + "' WHERE id = "
            + conversation);
  }

  private static void assertNothingWritten() {
    assertEquals(0, AdminDb.count("SELECT count(*) FROM \"Message\" WHERE direction = 'OUTBOUND'"));
    assertEquals(0, AdminDb.count("SELECT count(*) FROM \"OutboundJob\""));
  }
}
