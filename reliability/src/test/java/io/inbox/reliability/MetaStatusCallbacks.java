package io.inbox.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Plays Meta's part after a send: for every message the stub accepted, a signed "sent" status
 * webhook carrying our ledger id, as the Cloud API delivers it. Also counts sends per ledger id,
 * which is what a duplicate reply looks like from the customer's phone. {@link Options} change
 * which sends Meta accepted, which statuses follow, how long after the send, and whether they race
 * each other.
 */
final class MetaStatusCallbacks implements AutoCloseable {

  /**
   * What Meta does after a send. The defaults (one "sent" for every 200, posted within 200 ms of
   * the send, one after another) are what the earlier scenarios use.
   *
   * @param accepted which sends Meta really accepted (and so reports on)
   * @param statuses the statuses posted for a send, by its callback data, in this order
   * @param delayMillis how long after the stub received the send the first status is posted
   * @param concurrent whether the statuses of one send are posted at once rather than in order,
   *     without waiting for other sends' statuses
   * @param tickMillis how often the stub's journal is read
   */
  record Options(
      Predicate<ServeEvent> accepted,
      Function<String, List<String>> statuses,
      long delayMillis,
      boolean concurrent,
      long tickMillis) {

    static Options defaults() {
      return new Options(
          event -> event.getResponse().getStatus() == 200,
          callback -> List.of("sent"),
          0,
          false,
          200);
    }

    Options accepted(Predicate<ServeEvent> which) {
      return new Options(which, statuses, delayMillis, concurrent, tickMillis);
    }

    Options statuses(String... each) {
      return statuses(callback -> List.of(each));
    }

    Options statuses(Function<String, List<String>> perCallback) {
      return new Options(accepted, perCallback, delayMillis, concurrent, tickMillis);
    }

    Options delayMillis(long millis) {
      return new Options(accepted, statuses, millis, concurrent, tickMillis);
    }

    Options concurrent(boolean atOnce) {
      return new Options(accepted, statuses, delayMillis, atOnce, tickMillis);
    }

    Options tickMillis(long millis) {
      return new Options(accepted, statuses, delayMillis, concurrent, millis);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Stack stack;
  private final Stack.Service webhook;
  private final Options options;
  private final Set<UUID> seen = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> firstPostedAt = new ConcurrentHashMap<>();
  private final AtomicInteger notAccepted = new AtomicInteger();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService posters = Executors.newCachedThreadPool();

  MetaStatusCallbacks(Stack stack, Stack.Service webhook) {
    this(stack, webhook, Options.defaults());
  }

  MetaStatusCallbacks(Stack stack, Stack.Service webhook, Options options) {
    this.stack = stack;
    this.webhook = webhook;
    this.options = options;
    timer.scheduleWithFixedDelay(
        this::deliver, options.tickMillis(), options.tickMillis(), TimeUnit.MILLISECONDS);
  }

  private void deliver() {
    long now = System.currentTimeMillis();
    for (ServeEvent event : stack.meta.getAllServeEvents()) {
      if (seen.contains(event.getId())
          || !options.accepted().test(event)
          || event.getRequest().getLoggedDate().getTime() + options.delayMillis() > now
          || !seen.add(event.getId())) {
        continue;
      }
      try {
        JsonNode sent = JSON.readTree(event.getRequest().getBodyAsString());
        String callback = sent.path("biz_opaque_callback_data").asText();
        String wamid = "wamid.out." + callback;
        String to = sent.path("to").asText();
        List<Runnable> posts = new ArrayList<>();
        for (String status : options.statuses().apply(callback)) {
          posts.add(() -> post(callback, Meta.status(wamid, to, callback, status)));
        }
        if (options.concurrent()) {
          posts.forEach(posters::execute); // at once, and without waiting for earlier sends'
        } else {
          posts.forEach(Runnable::run);
        }
      } catch (Exception e) {
        seen.remove(event.getId());
      }
    }
  }

  private void post(String callback, String body) {
    firstPostedAt.putIfAbsent(callback, System.currentTimeMillis());
    if (Stack.status(stack.postWebhook(webhook, body)) != 200) {
      notAccepted.incrementAndGet();
    }
  }

  /** When the first status for each ledger id (callback data) was posted, epoch millis. */
  Map<String, Long> firstPostedAt() {
    return Map.copyOf(firstPostedAt);
  }

  /** Status webhooks webhook-service did not answer 200. */
  int statusWebhooksNotAccepted() {
    return notAccepted.get();
  }

  /** Provider calls per ledger id (biz_opaque_callback_data). */
  Map<String, Integer> sendsPerLedgerRow() {
    return sendsPerLedgerRow(stack, event -> true);
  }

  /** Provider calls per ledger id that {@code which} selects, from the stub's journal. */
  static Map<String, Integer> sendsPerLedgerRow(Stack stack, Predicate<ServeEvent> which) {
    Map<String, Integer> sends = new HashMap<>();
    for (ServeEvent event : stack.meta.getAllServeEvents()) {
      if (!which.test(event)) {
        continue;
      }
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
    posters.shutdownNow();
  }
}
