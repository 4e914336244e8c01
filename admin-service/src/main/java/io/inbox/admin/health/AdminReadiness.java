package io.inbox.admin.health;

import io.inbox.domain.health.SchemaReadiness;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.Set;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the tables the admin API reads and writes (and its event log) are as the contract
 * says.
 */
@Readiness
@Singleton
public class AdminReadiness extends SchemaReadiness {

  public AdminReadiness(Pool pool) {
    super(
        pool,
        Set.of(
            "Contact",
            "Conversation",
            "Message",
            "OutboundJob",
            "OutboundMessageLog",
            "Task",
            "Notification",
            "InboxEvent"));
  }
}
