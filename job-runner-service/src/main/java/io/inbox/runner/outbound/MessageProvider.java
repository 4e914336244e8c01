package io.inbox.runner.outbound;

import io.smallrye.mutiny.Uni;

/** Sends one message from a business number; fails with {@link ProviderFailure}. */
public interface MessageProvider {

  /**
   * @param callbackData echoed by Meta in the status webhooks of this message; how an UNKNOWN send
   *     is reconciled
   * @return the provider's message id (wamid)
   */
  Uni<String> send(Sender from, String to, Content content, String callbackData);
}
