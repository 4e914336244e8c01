package io.inbox.runner.channel;

import io.inbox.domain.channel.ChannelResume;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A number Meta refuses (expired token, locked account) is paused in the database, so every runner
 * replica holds its jobs, and resumed when its token changes or the probe succeeds.
 */
@ApplicationScoped
public class ChannelPauses {

  private final Pool pool;

  public ChannelPauses(Pool pool) {
    this.pool = pool;
  }

  /**
   * Whether this call paused it (false: it was paused already). {@code code}: Meta's error code,
   * {@code http_<status>}, or {@link ChannelSenders#NO_TOKEN}.
   */
  public Uni<Boolean> pause(
      SendingChannel channel, String reason, String code, String tokenFingerprint) {
    return pool.preparedQuery(ChannelSql.PAUSE)
        .execute(Tuple.of(channel.id(), reason, tokenFingerprint, code))
        .map(rows -> rows.iterator().next().getLong("paused") == 1)
        .invoke(
            first -> {
              if (first) {
                Log.errorf(
                    "⏸️ [JOB-RUNNER] Channel %s paused: %s; its replies wait until its token is"
                        + " replaced or the probe succeeds",
                    channel.name(), reason);
              }
            });
  }

  /** Resumes the channel and releases its held jobs; whether this call resumed it. */
  public Uni<Boolean> resume(int channelId, String channelName, String why) {
    return pool.preparedQuery(ChannelResume.SQL)
        .execute(Tuple.of(channelId, why))
        .map(
            rows -> {
              var row = rows.iterator().next();
              boolean resumed = row.getLong("resumed") == 1;
              if (resumed) {
                Log.infof(
                    "▶️ [JOB-RUNNER] Channel %s resumed (%s): %d held replies due now",
                    channelName, why, row.getLong("released"));
              }
              return resumed;
            });
  }
}
