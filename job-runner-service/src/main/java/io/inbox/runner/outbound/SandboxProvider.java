package io.inbox.runner.outbound;

import io.inbox.domain.logging.PhoneMask;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** For local runs and demos: records what would be sent and answers a fake message id. */
public class SandboxProvider implements MessageProvider {

  @Override
  public Uni<String> send(Sender from, String to, Content content, String callbackData) {
    String id = "wamid.sandbox." + UUID.randomUUID();
    Log.infof(
        "📝 [SANDBOX] would send from=%s to=%s callback=%s id=%s content=%s",
        from.phoneNumberId(), PhoneMask.mask(to), callbackData, id, content);
    return Uni.createFrom().item(id);
  }
}
