package io.inbox.admin;

import static io.inbox.admin.AdminDb.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inbox.domain.testing.MigratedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every admin write names its person in the log. */
@QuarkusTest
@WithTestResource(
    value = MigratedDatabase.class,
    initArgs = @ResourceArg(name = "database", value = AdminDb.DB))
class ActorLogTest {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger admin = Logger.getLogger("io.inbox.admin");
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message = record.getMessage();
          Object[] args = record.getParameters();
          lines.add(args == null ? message : String.format(message, args));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    AdminDb.clean();
    admin.addHandler(capture);
  }

  @AfterEach
  void stop() {
    admin.removeHandler(capture);
  }

  @Test
  void deleteRestoreSnoozeAndReadLogTheActor() {
    long id = AdminDb.conversation("+260777700001", "Ada", "hello");
    AdminDb.execute("INSERT INTO \"Notification\" (type, title) VALUES ('X', 'n')");
    long note = AdminDb.count("SELECT id FROM \"Notification\"");
    admin().post("/api/admin/conversations/" + id + "/delete").then().statusCode(200);
    admin().post("/api/admin/conversations/" + id + "/restore").then().statusCode(200);
    admin()
        .contentType("application/json")
        .body("{\"minutes\":5}")
        .post("/api/admin/notifications/" + note + "/snooze")
        .then()
        .statusCode(200);
    admin().post("/api/admin/notifications/" + note + "/read").then().statusCode(200);

    List<String> byAda = lines.stream().filter(l -> l.contains(" by Ada Agent")).toList();
    assertEquals(4, byAda.size(), lines.toString());
  }
}
