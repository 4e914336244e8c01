package io.inbox.webhook.health;

import io.inbox.domain.health.SchemaReadiness;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.util.Set;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the tables the webhook writes are as the contract says. */
@Readiness
@Singleton
public class WebhookReadiness extends SchemaReadiness {

  public WebhookReadiness(Pool pool) {
    super(
        pool,
        Set.of(
            "Contact",
            "Conversation",
            "Message",
            "OutboundJob",
            "OutboundMessageLog",
            "WebhookEvent"));
  }
}
