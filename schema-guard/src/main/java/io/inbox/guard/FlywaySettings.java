package io.inbox.guard;

import io.inbox.domain.database.DatabaseUrlConfigSourceFactory;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway's default Postgres lock lives in a transaction; CREATE INDEX CONCURRENTLY then waits for
 * that transaction forever (flyway/flyway#3508). A session-level advisory lock serialises guards
 * just as well without that deadlock.
 *
 * <p>Every migration connection gets {@code lock_timeout} ({@link LockSettings}), and waiting for
 * another guard's migration lock is bounded ({@code lockRetryCount}, one try a second), so a stuck
 * guard or a long transaction fails the init container, which is retried, instead of hanging it.
 *
 * <p>With {@code ?schema=NAME} in the URL, the migrations and Flyway's history go to that schema,
 * created if missing, as Prisma would have done.
 */
@ApplicationScoped
public class FlywaySettings implements FlywayConfigurationCustomizer {

  private final Optional<String> schema;
  private final LockSettings locks;

  public FlywaySettings(
      @ConfigProperty(name = DatabaseUrlConfigSourceFactory.SCHEMA_PROPERTY)
          Optional<String> schema,
      LockSettings locks) {
    this.schema = schema;
    this.locks = locks;
  }

  @Override
  public void customize(FluentConfiguration configuration) {
    configuration
        .mixed(true)
        .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
        // GuardMain has refused any other shape of value, so this cannot inject SQL.
        .initSql("SET lock_timeout = '" + locks.lockTimeout() + "'")
        .lockRetryCount(locks.migrationLockRetries());
    schema.ifPresent(name -> configuration.schemas(name).defaultSchema(name).createSchemas(true));
  }
}
