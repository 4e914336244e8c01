package io.inbox.runner.outbound;

import io.inbox.domain.queue.LedgerStatus;
import io.inbox.domain.queue.SendLedgerSql;
import io.inbox.runner.RunnerSettings;
import io.inbox.runner.queue.ClaimedJob;
import io.inbox.runner.queue.JobQueue;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes the outbound idempotency ledger; see {@link SendLedgerSql} for its statements
 * and package {@code io.inbox.domain.queue} for its states.
 */
@ApplicationScoped
public class OutboundLedger {

  /**
   * What recording a sent reply did; {@code messageRowId} is null only when another worker recorded
   * the same send at the same instant.
   */
  public record Completion(Long messageRowId, boolean jobCompleted) {}

  private final Pool pool;
  private final JobQueue queue;
  private final GroupCommit<LedgerEntry> reservations;
  private final GroupCommit<Completion> sends;

  private final double reconcileSeconds;

  /**
   * Provider ids of sends Meta accepted whose record the database refused, by ledger id: this job's
   * next claim (on this pod) records them instead of sending again.
   */
  private final Map<Long, String> acceptedButUnrecorded = new ConcurrentHashMap<>();

  public OutboundLedger(Pool pool, JobQueue queue, RunnerSettings settings) {
    this.reconcileSeconds = settings.reconcileTimeout().toMillis() / 1000.0;
    this.reservations =
        new GroupCommit<>(
            pool,
            SendLedgerSql.RESERVE,
            rows -> rows.size() == 0 ? null : toEntry(rows.iterator().next()));
    this.sends = new GroupCommit<>(pool, SendLedgerSql.RECORD_SENT, OutboundLedger::toCompletion);
    this.pool = pool;
    this.queue = queue;
  }

  /**
   * What identifies a reply: the inbound message it answers and its position, never its text (a
   * retry that phrased the reply differently must still find the first send).
   */
  public static String dedupeKey(String inboundProviderMessageId, int replyIndex) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (inboundProviderMessageId + ":" + replyIndex).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reserves the send; a new row comes back {@code created} and already SENDING under this job's
   * lease. Null when the job's lease was lost: nothing may be sent.
   */
  public Uni<LedgerEntry> reserve(ClaimedJob job, String dedupeKey, String recipient, String body) {
    return reservations
        .execute(
            Tuple.of(job.conversationId(), job.id(), dedupeKey, recipient, body, job.leaseEpoch())
                .addDouble(reconcileSeconds))
        .map(this::withAcceptedId);
  }

  private LedgerEntry withAcceptedId(LedgerEntry entry) {
    String accepted = entry == null ? null : acceptedButUnrecorded.get(entry.id());
    if (accepted == null || entry.providerMessageId() != null) {
      return entry;
    }
    return new LedgerEntry(
        entry.id(),
        entry.status(),
        accepted,
        entry.body(),
        entry.error(),
        entry.attempts(),
        entry.reconcileIn(),
        entry.created());
  }

  /** Meta accepted this send as {@code providerMessageId}, but its record failed. */
  public void rememberAccepted(LedgerEntry entry, String providerMessageId) {
    acceptedButUnrecorded.put(entry.id(), providerMessageId);
  }

  private static LedgerEntry toEntry(Row r) {
    return new LedgerEntry(
        r.getLong("id"),
        LedgerStatus.valueOf(r.getString("status")),
        r.getString("providerMessageId"),
        r.getString("body"),
        r.getString("error"),
        r.getInteger("attempts"),
        Duration.ofMillis(r.getLong("reconcileInMillis")),
        r.getBoolean("created"));
  }

  /** False when this worker no longer holds the job's lease: it must not send. */
  public Uni<Boolean> startSending(LedgerEntry entry, ClaimedJob job) {
    return pool.preparedQuery(SendLedgerSql.START_SENDING)
        .execute(Tuple.of(entry.id(), job.id(), job.leaseEpoch()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** {@code status}: PENDING (safe to resend), UNKNOWN (may have gone out) or FAILED. */
  public Uni<Void> settle(LedgerEntry entry, LedgerStatus status, String error) {
    return pool.preparedQuery(SendLedgerSql.SETTLE)
        .execute(Tuple.of(entry.id(), status.name(), error))
        .replaceWithVoid();
  }

  /**
   * Parks the job until Meta's status can arrive ({@code wait}, the attempt given back), with the
   * ledger row set to {@code status} if it is still open, in one statement (see {@link
   * SendLedgerSql#AWAIT_STATUS}). Empty when the lease was lost; otherwise the row's status now:
   * SENT or FAILED means a status closed it meanwhile and the job is already due again.
   */
  public Uni<Optional<LedgerStatus>> awaitStatus(
      LedgerEntry entry,
      ClaimedJob job,
      LedgerStatus status,
      String ledgerError,
      String jobError,
      Duration wait) {
    return pool.preparedQuery(SendLedgerSql.AWAIT_STATUS)
        .execute(
            Tuple.tuple()
                .addLong(entry.id())
                .addLong(job.id())
                .addInteger(job.leaseEpoch())
                .addString(status.name())
                .addString(ledgerError)
                .addDouble(Math.max(0, wait.toMillis()) / 1000.0)
                .addString(jobError))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(
                        LedgerStatus.valueOf(rows.iterator().next().getString("ledgerStatus"))));
  }

  /**
   * Records a send: the ledger row SENT, the outbound Message row the inbox reads (the bot's reply
   * inserted, an agent's reply its own row updated) and the job DONE (fenced) in one statement; for
   * a handover, in the same transaction, the conversation, its Task and the operators'
   * Notification. The send is recorded even if the lease was lost; the rest is left to the lease's
   * owner.
   */
  public Uni<Completion> complete(
      LedgerEntry entry, ClaimedJob job, String providerMessageId, String handoverFor) {
    Tuple args =
        Tuple.of(
                entry.id(),
                providerMessageId,
                job.conversationId(),
                entry.body(),
                job.id(),
                job.leaseEpoch())
            .addLong(job.outboundMessageId());
    Uni<Completion> recorded =
        handoverFor == null ? sends.execute(args) : recordWithHandover(args, job, handoverFor);
    return recorded.invoke(() -> acceptedButUnrecorded.remove(entry.id()));
  }

  private Uni<Completion> recordWithHandover(Tuple args, ClaimedJob job, String handoverFor) {
    return pool.withTransaction(
        c ->
            recordSent(c, args)
                .call(
                    completion ->
                        completion.jobCompleted()
                            ? handover(c, job.conversationId(), handoverFor)
                            : Uni.createFrom().voidItem()));
  }

  private static Uni<Completion> recordSent(SqlClient client, Tuple args) {
    return client
        .preparedQuery(SendLedgerSql.RECORD_SENT)
        .execute(args)
        .map(OutboundLedger::toCompletion);
  }

  private static Completion toCompletion(RowSet<Row> rows) {
    Row r = rows.iterator().next();
    return new Completion(r.getLong("messageRowId"), r.getBoolean("jobCompleted"));
  }

  private Uni<Void> handover(SqlConnection c, long conversationId, String who) {
    return c.preparedQuery(HandoverSql.START_HANDOVER)
        .execute(Tuple.of(conversationId))
        .flatMap(
            ignored ->
                c.preparedQuery(HandoverSql.CREATE_TASK)
                    .execute(Tuple.of(conversationId, "Reply to " + who + " (asked for a person)")))
        .flatMap(
            ignored ->
                queue.notifyOperators(
                    c,
                    conversationId,
                    "HANDOVER",
                    "Customer asked for a person",
                    who + " asked for a person in conversation " + conversationId));
  }
}
