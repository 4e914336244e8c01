package io.inbox.admin.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.inbox.admin.AdminDb;
import io.inbox.admin.TestClock;
import io.inbox.domain.testing.MigratedDatabase;
import io.inbox.domain.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class InboxUiTest {

  static final List<String> PAGES =
      List.of("/inbox", "/inbox/notifications", "/inbox/tasks", "/inbox/operations");

  @Inject TestClock clock;

  long conversation;

  @BeforeEach
  void seed() {
    AdminDb.clean();
    clock.reset();
    conversation = AdminDb.conversation("+260777711059", "Mwila Banda", "Is my order ready?");
    AdminDb.execute(
        "UPDATE \"Conversation\" SET \"lastInboundAt\" = (now() AT TIME ZONE 'UTC')"
            + " WHERE id = "
            + conversation);
  }

  @Test
  void pagesWithoutASessionSendToSignIn() {
    for (String page : withThread()) {
      given()
          .redirects()
          .follow(false)
          .get(page)
          .then()
          .statusCode(303)
          .header("Location", containsString("/inbox/sign-in"));
    }
  }

  @Test
  void aForgedOrExpiredSessionIsNoSession() {
    Agent agent = Agent.signedIn("Ada Agent");
    String forged = agent.session.replaceFirst("^[^.]+", "RXZl");
    given()
        .redirects()
        .follow(false)
        .cookie("inbox_session", forged)
        .get("/inbox")
        .then()
        .statusCode(303);

    clock.advance(java.time.Duration.ofHours(9));
    agent.request().get("/inbox").then().statusCode(303);
  }

  @Test
  void aWrongTokenIsShownInlineAndSetsNoSession() {
    Response answer = Agent.anonymous().signIn("not-the-token", "Ada Agent");

    answer.then().statusCode(400).body(containsString("The admin token is not right."));
    assertThat(answer.getCookie("inbox_session"), nullValue());
    assertThat(answer.asString(), not(containsString("not-the-token")));
  }

  @Test
  void aMissingNameIsShownInline() {
    Response answer = Agent.anonymous().signIn(Agent.TOKEN, " ");

    answer.then().statusCode(400).body(containsString("id=\"agent-error\""));
    assertThat(answer.getCookie("inbox_session"), nullValue());
  }

  @Test
  void theSessionCookieIsHttpOnlyStrictAndSecureBehindTls() {
    Agent anonymous = Agent.anonymous();
    String plain =
        anonymous
            .signIn(Agent.TOKEN, "Ada Agent")
            .then()
            .statusCode(303)
            .extract()
            .header("Set-Cookie");
    assertThat(
        plain,
        allOf(
            containsString("inbox_session="),
            containsString("HttpOnly"),
            containsStringIgnoringCase("SameSite=Strict"),
            containsString("Path=/inbox"),
            not(containsString("Secure"))));

    String tls =
        anonymous
            .request()
            .header("X-Forwarded-Proto", "https")
            .contentType("application/x-www-form-urlencoded")
            .formParam("csrf", anonymous.csrf)
            .formParam("token", Agent.TOKEN)
            .formParam("agent", "Ada Agent")
            .post("/inbox/sign-in")
            .then()
            .statusCode(303)
            .extract()
            .header("Set-Cookie");
    assertThat(tls, containsString("Secure"));
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefusedAndWritesNothing() {
    Agent agent = Agent.signedIn("Ada Agent");
    agent
        .request()
        .contentType("application/x-www-form-urlencoded")
        .formParam("other", "x")
        .post("/inbox/conversations/" + conversation + "/takeover")
        .then()
        .statusCode(403);
    agent
        .request()
        .contentType("application/x-www-form-urlencoded")
        .formParam("csrf", Agent.anonymous().csrf)
        .post("/inbox/conversations/" + conversation + "/takeover")
        .then()
        .statusCode(403);

    assertEquals(
        "BOT", AdminDb.value("SELECT mode FROM \"Conversation\" WHERE id = " + conversation));
  }

  @Test
  void theAgentsNameIsTheActorOfTheirChanges() {
    Agent agent = Agent.signedIn("Ada Agent");
    agent.post("/inbox/conversations/" + conversation + "/takeover").then().statusCode(303);
    assertEquals(
        "Ada Agent",
        AdminDb.value("SELECT \"modeChangedBy\" FROM \"Conversation\" WHERE id = " + conversation));

    agent
        .post(
            "/inbox/conversations/" + conversation + "/reply",
            "body",
            "It ships today",
            "clientMessageId",
            "ui-test-1")
        .then()
        .statusCode(303);
    assertEquals(
        "Ada Agent", AdminDb.value("SELECT author FROM \"Message\" WHERE body = 'It ships today'"));

    agent
        .request()
        .get("/inbox/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body(containsString("It ships today"))
        .body(containsString("Sending…"))
        .body(containsString("Hand back to the bot"));
  }

  @Test
  void aClosedWindowDisablesTheReplyBoxWithItsReason() {
    AdminDb.execute(
        "UPDATE \"Conversation\" SET \"lastInboundAt\" = (now() AT TIME ZONE 'UTC') - interval '2 days'"
            + " WHERE id = "
            + conversation);
    Agent.signedIn("Ada Agent")
        .request()
        .get("/inbox/conversations/" + conversation)
        .then()
        .statusCode(200)
        .body(containsString("id=\"window-closed\""))
        .body(containsString("id=\"send\" disabled"));
  }

  @Test
  void anEmptyReplyIsShownInlineAndNothingIsQueued() {
    long before = AdminDb.count("SELECT count(*) FROM \"Message\"");
    Agent.signedIn("Ada Agent")
        .post(
            "/inbox/conversations/" + conversation + "/reply",
            "body",
            "  ",
            "clientMessageId",
            "ui-test-2")
        .then()
        .statusCode(400)
        .body(containsString("id=\"reply-error\""));
    assertEquals(before, AdminDb.count("SELECT count(*) FROM \"Message\""));
  }

  @Test
  void anUnknownConversationIsAFriendlyNotFound() {
    Agent.signedIn("Ada Agent")
        .request()
        .get("/inbox/conversations/999999")
        .then()
        .statusCode(404)
        .body(containsString("Not found"))
        .body(not(containsString("Exception")))
        .body(not(containsString("at io.")));
  }

  @Test
  void aBadSnoozeTimeIsShownInlineAndNothingChanges() {
    AdminDb.execute(
        "INSERT INTO \"Notification\" (\"type\", \"title\") VALUES ('HANDOVER', 'Look')");
    String id = AdminDb.value("SELECT id FROM \"Notification\"");
    Agent agent = Agent.signedIn("Ada Agent");

    agent
        .post("/inbox/notifications/" + id + "/snooze", "when", "at", "at", "not a time")
        .then()
        .statusCode(400)
        .body(containsString("id=\"snooze-error-" + id + "\""));
    agent
        .post("/inbox/notifications/" + id + "/snooze", "when", "at", "at", "2001-01-01T09:00")
        .then()
        .statusCode(400);
    assertThat(AdminDb.value("SELECT \"snoozedUntil\" FROM \"Notification\""), nullValue());

    agent.post("/inbox/notifications/" + id + "/snooze", "when", "tomorrow").then().statusCode(303);
    assertNotNull(AdminDb.value("SELECT \"snoozedUntil\" FROM \"Notification\""));
  }

  @Test
  void theTokenNeverAppearsInAPage() {
    AdminDb.execute(
        "INSERT INTO \"Task\" (\"conversationId\", \"title\", \"status\") VALUES ("
            + conversation
            + ", 'Call back', 'OPEN')");
    Agent agent = Agent.signedIn("Ada Agent");
    for (String page : withThread()) {
      agent.request().get(page).then().statusCode(200).body(not(containsString(Agent.TOKEN)));
    }
    agent.request().get("/inbox/sign-in").then().statusCode(303);
  }

  @Test
  void tasksAreAssignedAndCompletedByTheAgent() {
    AdminDb.execute(
        "INSERT INTO \"Task\" (\"conversationId\", \"title\", \"status\") VALUES ("
            + conversation
            + ", 'Call back', 'OPEN')");
    String id = AdminDb.value("SELECT id FROM \"Task\"");
    Agent agent = Agent.signedIn("Ada Agent");

    agent.post("/inbox/tasks/" + id + "/assign").then().statusCode(303);
    agent.post("/inbox/tasks/" + id + "/complete").then().statusCode(303);

    assertEquals("Ada Agent", AdminDb.value("SELECT assignee FROM \"Task\""));
    assertEquals("Ada Agent", AdminDb.value("SELECT \"completedBy\" FROM \"Task\""));
    agent.request().get("/inbox/tasks").then().body(not(containsString("Call back")));
  }

  @Test
  void deleteAsksFirstAndRestoreBringsItBack() {
    Agent agent = Agent.signedIn("Ada Agent");
    agent
        .request()
        .get("/inbox/conversations/" + conversation + "/delete")
        .then()
        .statusCode(200)
        .body(containsString("Delete the conversation with Mwila Banda?"));
    agent.post("/inbox/conversations/" + conversation + "/delete").then().statusCode(303);
    agent
        .request()
        .get("/inbox/conversations/" + conversation)
        .then()
        .body(containsString("This conversation is deleted."));
    agent.post("/inbox/conversations/" + conversation + "/restore").then().statusCode(303);
    assertThat(
        AdminDb.value("SELECT \"deletedAt\" FROM \"Conversation\" WHERE id = " + conversation),
        nullValue());
  }

  @Test
  void signingOutClosesThePages() {
    Agent agent = Agent.signedIn("Ada Agent");
    String cleared =
        agent.post("/inbox/sign-out").then().statusCode(303).extract().header("Set-Cookie");
    assertThat(cleared, allOf(containsString("inbox_session=;"), containsString("Max-Age=0")));
  }

  @Test
  void theListShowsTheConversationWithMaskedPhoneAndBadges() {
    Agent.signedIn("Ada Agent")
        .request()
        .get("/inbox")
        .then()
        .statusCode(200)
        .body(containsString("Mwila Banda"))
        .body(containsString("+********1059"))
        .body(not(containsString("260777711059")))
        .body(containsString("BOT"))
        .body(containsString("1 unread"));
  }

  @Test
  void operationsShowTheSchemaReportAndWhyANumberIsPaused() {
    TestDatabase.execute(
        AdminDb.DB,
        """
        UPDATE "Channel" SET "pausedAt" = now(), "pausedReason" = 'HTTP 401 code 190: Session has expired'
         WHERE "isDefault"
        """);
    try {
      Agent.signedIn("Ada Agent")
          .request()
          .get("/inbox/operations")
          .then()
          .statusCode(200)
          .body(containsString("Schema verification PASSED"))
          .body(containsString("HTTP 401 code 190: Session has expired"));
    } finally {
      TestDatabase.execute(
          AdminDb.DB,
          "UPDATE \"Channel\" SET \"pausedAt\" = NULL, \"pausedReason\" = NULL WHERE \"isDefault\"");
    }
  }

  private List<String> withThread() {
    return java.util.stream.Stream.concat(
            PAGES.stream(), java.util.stream.Stream.of("/inbox/conversations/" + conversation))
        .toList();
  }
}
