package io.inbox.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays Meta's part after a send: for every message the stub accepted, a signed "sent" status
 * webhook carrying our ledger id, as the Cloud API delivers it. Also counts sends per ledger id,
 * which is what a duplicate reply looks like from the customer's phone.
 */
final class MetaStatusCallbacks implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Stack stack;
  private final Stack.Service webhook;
  private final Set<UUID> seen = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  MetaStatusCallbacks(Stack stack, Stack.Service webhook) {
    this.stack = stack;
    this.webhook = webhook;
    timer.scheduleWithFixedDelay(this::deliver, 200, 200, TimeUnit.MILLISECONDS);
  }

  private void deliver() {
    for (ServeEvent event : stack.meta.getAllServeEvents()) {
      if (event.getResponse().getStatus() != 200 || !seen.add(event.getId())) {
        continue;
      }
      try {
        JsonNode sent = JSON.readTree(event.getRequest().getBodyAsString());
        String callback = sent.path("biz_opaque_callback_data").asText();
        String wamid = "wamid.out." + callback;
        stack.postWebhook(webhook, Meta.sent(wamid, sent.path("to").asText(), callback));
      } catch (Exception e) {
        seen.remove(event.getId());
      }
    }
  }

  /** Provider calls per ledger id (biz_opaque_callback_data). */
  Map<String, Integer> sendsPerLedgerRow() {
    Map<String, Integer> sends = new HashMap<>();
    for (ServeEvent event : stack.meta.getAllServeEvents()) {
      try {
        String callback =
            JSON.readTree(event.getRequest().getBodyAsString())
                .path("biz_opaque_callback_data")
                .asText();
        sends.merge(callback, 1, Integer::sum);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return sends;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
