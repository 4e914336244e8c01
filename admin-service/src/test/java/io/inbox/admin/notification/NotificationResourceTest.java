package io.inbox.admin.notification;

import static io.inbox.admin.AdminDb.admin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.inbox.admin.AdminDb;
import io.inbox.admin.TestClock;
import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class NotificationResourceTest {

  @Inject TestClock clock;

  @BeforeEach
  void clean() {
    AdminDb.clean();
    clock.reset();
    AdminDb.execute(
        """
        INSERT INTO "Notification" ("type", "title", "createdAt") VALUES
          ('JOB_FAILED', 'old read', (now() AT TIME ZONE 'UTC') - interval '2 hours'),
          ('HANDOVER', 'new unread', (now() AT TIME ZONE 'UTC') - interval '1 hour'),
          ('JOB_FAILED', 'old unread', (now() AT TIME ZONE 'UTC') - interval '3 hours');
        UPDATE "Notification" SET "readAt" = (now() AT TIME ZONE 'UTC') WHERE title = 'old read';
        """);
  }

  @Test
  void unreadComeFirstThenNewest() {
    admin()
        .get("/api/admin/notifications")
        .then()
        .statusCode(200)
        .body("items.title", contains("new unread", "old unread", "old read"));
  }

  @Test
  void snoozedNotificationIsHiddenUntilItsTimePasses() {
    String until = clock.instant().plus(Duration.ofMinutes(30)).toString();
    admin()
        .contentType("application/json")
        .body("{\"until\":\"" + until + "\"}")
        .post("/api/admin/notifications/2/snooze")
        .then()
        .statusCode(200)
        .body("snoozedUntil", notNullValue());

    admin()
        .get("/api/admin/notifications")
        .then()
        .body("items.title", contains("old unread", "old read"));
    admin()
        .queryParam("includeSnoozed", true)
        .get("/api/admin/notifications")
        .then()
        .body("items", hasSize(3));

    clock.advance(Duration.ofMinutes(31));
    admin().get("/api/admin/notifications").then().body("items", hasSize(3));
  }

  @Test
  void snoozeByMinutesAndMarkRead() {
    admin()
        .contentType("application/json")
        .body("{\"minutes\":10}")
        .post("/api/admin/notifications/3/snooze")
        .then()
        .statusCode(200);
    admin().get("/api/admin/notifications").then().body("items", hasSize(2));
    admin()
        .post("/api/admin/notifications/2/read")
        .then()
        .statusCode(200)
        .body("readAt", notNullValue());
    admin()
        .get("/api/admin/notifications")
        .then()
        .body("items.title", contains("new unread", "old read"));
  }

  @Test
  void aSnoozeInThePastOrMalformedIs400NamingTheField() {
    String past = clock.instant().minus(Duration.ofMinutes(1)).toString();
    admin()
        .contentType("application/json")
        .body("{\"until\":\"" + past + "\"}")
        .post("/api/admin/notifications/2/snooze")
        .then()
        .statusCode(400)
        .body("field", equalTo("until"));
    admin()
        .contentType("application/json")
        .body("{\"until\":\"tomorrow\"}")
        .post("/api/admin/notifications/2/snooze")
        .then()
        .statusCode(400)
        .body("field", equalTo("until"));
    admin()
        .contentType("application/json")
        .body("{\"minutes\":-5}")
        .post("/api/admin/notifications/2/snooze")
        .then()
        .statusCode(400)
        .body("field", equalTo("minutes"));
    admin()
        .contentType("application/json")
        .body("{\"minutes\":10}")
        .post("/api/admin/notifications/99/snooze")
        .then()
        .statusCode(404);
    admin().get("/api/admin/notifications").then().body("items", hasSize(3));
  }
}
