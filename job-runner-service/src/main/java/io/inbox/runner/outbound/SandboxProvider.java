package io.inbox.runner.outbound;

import io.inbox.domain.logging.PhoneMask;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** For local runs and demos: records what would be sent and answers a fake message id. */
public class SandboxProvider implements MessageProvider {

  @Override
  public Uni<String> send(String to, String body, String callbackData) {
    String id = "wamid.sandbox." + UUID.randomUUID();
    Log.infof(
        "📝 [SANDBOX] would send to=%s callback=%s id=%s body=%s",
        PhoneMask.mask(to), callbackData, id, body);
    return Uni.createFrom().item(id);
  }
}
