package io.inbox.domain.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database migrated with schema-guard's migrations, for a service's {@code @QuarkusTest}:
 * {@code @WithTestResource(value = MigratedDatabase.class, initArgs = @ResourceArg(name =
 * "database", value = "inbox_admin_test"))}. The module's test classpath must hold schema-guard's
 * jar (its {@code db/migration} scripts) without its dependencies.
 */
public class MigratedDatabase implements QuarkusTestResourceLifecycleManager {

  private String database;
  private String afterMigrate;

  /**
   * {@code database}: its name (prefix it with your module). {@code afterMigrate}: SQL run once the
   * schema is current, e.g. to drop a column and see how the service copes with schema lag.
   */
  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.getOrDefault("database", "inbox_test");
    afterMigrate = initArgs.get("afterMigrate");
  }

  @Override
  public Map<String, String> start() {
    migrate(database);
    if (afterMigrate != null) {
      TestDatabase.execute(database, afterMigrate);
    }
    return Map.of(
        "quarkus.datasource.reactive.url",
        "postgresql://" + TestDatabase.host() + ":" + TestDatabase.port() + "/" + database,
        "quarkus.datasource.jdbc.url",
        TestDatabase.jdbcUrl(database),
        "quarkus.datasource.username",
        TestDatabase.user());
  }

  @Override
  public void stop() {}

  /**
   * Creates the database empty and applies every migration, as {@code schema-guard migrate} does.
   */
  public static void migrate(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(TestDatabase.create(database));
    dataSource.setUser(TestDatabase.user());
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .mixed(true)
        .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
        .load()
        .migrate();
  }
}
