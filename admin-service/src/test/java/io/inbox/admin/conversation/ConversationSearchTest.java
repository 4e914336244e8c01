package io.inbox.admin.conversation;

import static io.inbox.admin.AdminDb.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.inbox.admin.AdminDb;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inbox list's search and filters, and the order it keeps. */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class ConversationSearchTest {

  long ada;
  long bo;
  long cy;

  @BeforeEach
  void seed() {
    AdminDb.clean();
    ada = AdminDb.conversation("+260777711059", "Ada Lovelace", "is my order 100% ready?");
    bo = AdminDb.conversation("+260955500001", "Bo", "where is the shop_front");
    cy = AdminDb.conversation("+447700900123", "Cy", "thanks");
    // Bo wrote last, then Ada; Cy never (lastInboundAt NULL: last in the list).
    AdminDb.execute(
        "UPDATE \"Conversation\" SET \"lastInboundAt\" = (now() AT TIME ZONE 'UTC') - interval '1 hour' WHERE id = "
            + ada
            + "; UPDATE \"Conversation\" SET \"lastInboundAt\" = (now() AT TIME ZONE 'UTC') WHERE id = "
            + bo);
  }

  private io.restassured.response.ValidatableResponse search(String name, Object value) {
    return admin().queryParam(name, value).get("/api/admin/conversations").then();
  }

  @Test
  void mostRecentCustomerActivityFirstAndNeverWrittenLast() {
    admin()
        .get("/api/admin/conversations")
        .then()
        .body("items.id", contains((int) bo, (int) ada, (int) cy));
  }

  @Test
  void qFindsTheContactByNameCaseInsensitively() {
    search("q", "lovelace").statusCode(200).body("items.id", contains((int) ada));
    search("q", "  LOVE ").body("items.id", contains((int) ada));
  }

  @Test
  void qFindsThePhoneInAnyForm() {
    for (String form :
        new String[] {"+260777711059", "260777711059", "711059", "+260 777 711 059"}) {
      search("q", form).body("items.id", contains((int) ada));
    }
    search("q", "0001").body("items.id", contains((int) bo));
  }

  @Test
  void qFindsMessageTextAndTakesPercentAndUnderscoreLiterally() {
    search("q", "ORDER").body("items.id", contains((int) ada));
    search("q", "100%").body("items.id", contains((int) ada));
    search("q", "shop_front").body("items.id", contains((int) bo));
    search("q", "shop_").body("items.id", contains((int) bo));
    search("q", "%").body("items.id", contains((int) ada));
    search("q", "_").body("items.id", contains((int) bo));
    search("q", "nobody").body("items", empty());
  }

  @Test
  void aCommonTermIsListedInOrderLikeARareOne() {
    search("q", "common").body("items", empty());
    AdminDb.execute(
        "INSERT INTO \"Message\" (\"conversationId\", direction, body)"
            + " SELECT "
            + ada
            + ", 'OUTBOUND', 'a common reply ' || g FROM generate_series(1, "
            + (ConversationQueries.FEW_CANDIDATES + 1)
            + ") g; INSERT INTO \"Message\" (\"conversationId\", direction, body) VALUES ("
            + cy
            + ", 'INBOUND', 'COMMON too')");
    search("q", "common").body("items.id", contains((int) ada, (int) cy));
    admin()
        .queryParam("q", "common")
        .queryParam("limit", 1)
        .queryParam("page", 1)
        .get("/api/admin/conversations")
        .then()
        .body("items.id", contains((int) cy))
        .body("hasMore", equalTo(false));
    AdminDb.execute(
        "DELETE FROM \"Message\" WHERE body LIKE 'a common reply %' AND body <> 'a common reply 1'");
    search("q", "common").body("items.id", contains((int) ada, (int) cy));
  }

  @Test
  void modeAndAssigneeNarrowTheList() {
    admin().post("/api/admin/conversations/" + cy + "/takeover").then().statusCode(200);
    search("mode", "human").body("items.id", contains((int) cy));
    search("mode", "BOT").body("items.id", contains((int) bo, (int) ada));
    search("assignee", "Ada Agent").body("items.id", contains((int) cy));
    search("assignee", "Nobody").body("items", empty());
    admin()
        .queryParam("mode", "BOT")
        .queryParam("q", "Ada")
        .get("/api/admin/conversations")
        .then()
        .body("items.id", contains((int) ada));
  }

  @Test
  void badFiltersAre400NamingTheField() {
    search("mode", "ROBOT").statusCode(400).body("field", equalTo("mode"));
    search("unread", "perhaps").statusCode(400).body("field", equalTo("unread"));
    search("q", "x".repeat(101)).statusCode(400).body("field", equalTo("q"));
    search("assignee", "x".repeat(101)).statusCode(400).body("field", equalTo("assignee"));
  }
}
