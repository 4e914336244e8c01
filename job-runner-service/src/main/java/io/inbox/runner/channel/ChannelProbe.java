package io.inbox.runner.channel;

import io.inbox.runner.outbound.Sender;
import io.inbox.runner.outbound.WhatsAppSettings;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Every {@code runner.channel-probe-interval}, each paused channel is looked at again: a token that
 * differs from the refused one resumes it at once (a replaced Secret, a new tokenRef set through
 * the admin API). A refused token (401, 190, 0) is then asked about with a Graph API call, and
 * Meta's 200 resumes the channel. A locked account or a blocked number is not probed: its token
 * still reads the number while every send is refused, so a 200 would resume it into the same
 * refusal, over and over; a new token or a person's resume ({@code POST
 * /api/admin/channels/{id}/resume}) ends that pause. Every replica probes; the database lets one
 * resume.
 */
@ApplicationScoped
public class ChannelProbe {

  /** Meta refused the token itself: the refusals a Graph API call can tell are over. */
  private static final Set<String> TOKEN_REFUSALS = Set.of("190", "0", "http_401");

  private final Pool pool;
  private final ChannelSenders senders;
  private final ChannelPauses pauses;
  private final GraphProbeApi graph;
  private final WhatsAppSettings settings;

  public ChannelProbe(
      Pool pool,
      ChannelSenders senders,
      ChannelPauses pauses,
      @RestClient GraphProbeApi graph,
      WhatsAppSettings settings) {
    this.pool = pool;
    this.senders = senders;
    this.pauses = pauses;
    this.graph = graph;
    this.settings = settings;
  }

  @Scheduled(
      every = "${runner.channel-probe-interval:1m}",
      delayed = "${runner.channel-probe-interval:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> probe() {
    return pool.query(ChannelSql.PAUSED)
        .execute()
        .onItem()
        .transformToMulti(rows -> Multi.createFrom().iterable(rows))
        .onItem()
        .transformToUniAndConcatenate(this::probe)
        .collect()
        .last()
        .replaceWithVoid()
        .onFailure()
        .invoke(
            failure -> Log.warnf("⚠️ [JOB-RUNNER] Channel probe failed: %s", failure.toString()))
        .onFailure()
        .recoverWithNull();
  }

  private Uni<Boolean> probe(Row row) {
    SendingChannel channel = SendingChannel.from(row);
    Optional<Sender> sender = senders.sender(channel);
    if (sender.isEmpty()) {
      return Uni.createFrom().item(false);
    }
    if (senders.tokenReplaced(channel)) {
      return pauses.resume(channel.id(), channel.name(), "its token was replaced");
    }
    if (!TOKEN_REFUSALS.contains(row.getString("pausedCode"))) {
      return Uni.createFrom().item(false);
    }
    return graph
        .number(
            settings.apiVersion(),
            sender.get().phoneNumberId(),
            "id",
            "Bearer " + sender.get().token())
        .map(response -> response.getStatus() == 200)
        .onFailure()
        .recoverWithItem(false)
        .flatMap(
            accepted ->
                accepted
                    ? pauses.resume(channel.id(), channel.name(), "Meta accepts its token again")
                    : Uni.createFrom().item(false));
  }
}
