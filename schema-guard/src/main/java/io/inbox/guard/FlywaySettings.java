package io.inbox.guard;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway's default Postgres lock lives in a transaction; CREATE INDEX CONCURRENTLY then waits for
 * that transaction forever (flyway/flyway#3508). A session-level advisory lock serialises guards
 * just as well without that deadlock.
 */
@ApplicationScoped
public class FlywaySettings implements FlywayConfigurationCustomizer {

  @Override
  public void customize(FluentConfiguration configuration) {
    configuration
        .mixed(true)
        .configuration(Map.of("flyway.postgresql.transactional.lock", "false"));
  }
}
