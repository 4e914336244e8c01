package io.inbox.runner.queue;

import io.inbox.domain.queue.JobKind;
import io.inbox.domain.queue.JobLeaseSql;
import io.inbox.runner.RunnerSettings;
import io.inbox.runner.channel.ReengagementTemplate;
import io.inbox.runner.channel.SendingChannel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Claims, renews and settles jobs. Settling methods take the {@link SqlClient} to run on, so a
 * job's completion can share the transaction that records its send; each returns whether this
 * worker still held the lease.
 */
@ApplicationScoped
public class JobQueue {

  private final Pool pool;
  private final RunnerSettings settings;
  private final String workerId;

  public JobQueue(Pool pool, RunnerSettings settings) {
    this.pool = pool;
    this.settings = settings;
    this.workerId = settings.workerId().orElse(ManagementFactory.getRuntimeMXBean().getName());
  }

  public String workerId() {
    return workerId;
  }

  /** Claims due jobs, and jobs whose lease expired. */
  public Uni<List<ClaimedJob>> claim(int limit) {
    return claim(limit, true);
  }

  /**
   * {@code rescue}: whether to look for jobs whose lease expired too; that costs a walk over every
   * RUNNING entry, so a worker claiming many times a second asks for it only now and then.
   */
  public Uni<List<ClaimedJob>> claim(int limit, boolean rescue) {
    return pool.preparedQuery(JobLeaseSql.CLAIM)
        .execute(Tuple.of(limit, (double) settings.lease().toMillis() / 1000.0, workerId, rescue))
        .map(
            rows -> {
              List<ClaimedJob> jobs = new ArrayList<>();
              for (Row r : rows) {
                jobs.add(
                    new ClaimedJob(
                        r.getLong("id"),
                        r.getLong("conversationId"),
                        r.getString("inboundProviderMessageId"),
                        JobKind.valueOf(r.getString("kind")),
                        r.getLong("outboundMessageId"),
                        r.getInteger("attempts"),
                        r.getInteger("maxAttempts"),
                        r.getInteger("leaseEpoch"),
                        "RUNNING".equals(r.getString("previousStatus")),
                        r.getLong("contactId") == null ? null : toContext(r),
                        r.getString("traceparent")));
              }
              return jobs;
            });
  }

  private static JobContext toContext(Row r) {
    return new JobContext(
        r.getLong("conversationId"),
        r.getString("conversationStatus"),
        r.getString("conversationMode"),
        r.getBoolean("deleted"),
        r.getLong("leadId"),
        r.getLong("contactId"),
        r.getString("phone"),
        r.getString("name"),
        r.getLong("messageId"),
        r.getString("body"),
        r.getString("messageType"),
        r.getString("caption"),
        r.getString("agentReplyBody"),
        r.getString("outboundDetails"),
        r.getBoolean("windowOpen"),
        r.getInteger("channelId") == null ? null : SendingChannel.from(r),
        r.getString("reengagementName") == null
            ? null
            : new ReengagementTemplate(
                r.getString("reengagementName"),
                r.getString("reengagementLanguage"),
                r.getString("reengagementParameters")));
  }

  public Uni<Void> renew(Collection<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(JobLeaseSql.RENEW)
        .execute(Tuple.of(jobIds.toArray(Long[]::new), workerId))
        .replaceWithVoid();
  }

  public Uni<Boolean> complete(SqlClient client, ClaimedJob job) {
    return client
        .preparedQuery(JobLeaseSql.COMPLETE)
        .execute(Tuple.of(job.id(), job.leaseEpoch()))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Completes an agent reply that must not be sent (its conversation was deleted), its Message row
   * FAILED with {@code reason}, in one statement.
   */
  public Uni<Boolean> completeUnsent(ClaimedJob job, String reason) {
    return pool.preparedQuery(JobLeaseSql.COMPLETE_UNSENT)
        .execute(Tuple.of(job.id(), job.leaseEpoch(), reason))
        .map(JobQueue::oneJob);
  }

  /** {@code giveAttemptBack}: the delay is not the job's fault (throttling, shutdown). */
  public Uni<Boolean> retry(ClaimedJob job, Duration delay, String error, boolean giveAttemptBack) {
    return pool.preparedQuery(JobLeaseSql.RETRY)
        .execute(
            Tuple.tuple()
                .addLong(job.id())
                .addInteger(job.leaseEpoch())
                .addDouble(delay.toMillis() / 1000.0)
                .addInteger(giveAttemptBack ? 1 : 0)
                .addString(error))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The job can never be sent (a closed window without a template): CANCELLED with {@code why}. */
  public Uni<Boolean> cancel(SqlClient client, ClaimedJob job, String why) {
    return client
        .preparedQuery(JobLeaseSql.CANCEL)
        .execute(Tuple.of(job.id(), job.leaseEpoch(), why))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Fails the job and, for an agent reply, its Message row, with {@code error}. */
  public Uni<Boolean> fail(ClaimedJob job, String error) {
    return pool.preparedQuery(JobLeaseSql.FAIL)
        .execute(Tuple.of(job.id(), job.leaseEpoch(), error))
        .map(JobQueue::oneJob);
  }

  private static boolean oneJob(RowSet<Row> rows) {
    return rows.iterator().next().getLong("jobs") == 1;
  }

  public Uni<Void> notifyOperators(
      SqlClient client, long conversationId, String type, String title, String body) {
    return client
        .preparedQuery(NotificationSql.NOTIFY_OPERATORS)
        .execute(Tuple.of(conversationId, type, title, body))
        .replaceWithVoid();
  }

  /**
   * A customer's message in a HUMAN-mode conversation: a NEW_MESSAGE alert for its agents, unless
   * one is still unread. Whether it was raised.
   */
  public Uni<Boolean> notifyNewMessage(
      SqlClient client, long conversationId, String title, String preview) {
    return client
        .preparedQuery(NotificationSql.NOTIFY_NEW_MESSAGE)
        .execute(Tuple.of(conversationId, title, preview))
        .map(rows -> rows.rowCount() == 1);
  }
}
