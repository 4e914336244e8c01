package io.inbox.webhook.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A webhook event and everything processing it writes commit together, in one transaction: one
 * commit (one WAL flush) per delivery, where the event, each message, each status and the final
 * mark each took one of their own. Nothing Meta sent is lost all the same: the answer waits for the
 * commit, a delivery not committed is answered 5xx and Meta delivers it again, and processing runs
 * inside a savepoint, so its failure undoes only what processing wrote: the event stays, with the
 * error, and commits.
 *
 * <p>The failure still reaches the caller, after the commit, so the answer is what it was when the
 * event committed on its own first (a 500, and Meta redelivers; ingestion is idempotent).
 *
 * <p>Processing must never recover from an SQL error itself: Postgres answers the COMMIT of a
 * transaction with a failed statement with a silent ROLLBACK, so a swallowed error would lose the
 * event while Meta is answered 200. Only the savepoint's rollback here repairs the transaction.
 *
 * <p>The transaction holds one pooled connection from the insert of the event to the commit, where
 * there were several short ones one after another; everything processing needs comes through that
 * connection, never the pool, so a full pool cannot leave a transaction waiting for itself.
 */
@ApplicationScoped
public class EventTransaction {

  /**
   * Plain SQL, not {@code pool.withTransaction}: the Vert.x transaction rolls back at its end once
   * any statement in it failed (the server reported the transaction aborted), even after a rollback
   * to the savepoint repaired it, and the event would be lost with the failure.
   */
  private static final String BEGIN = "BEGIN";

  private static final String COMMIT = "COMMIT";

  /** Anything failed outside the savepoint: nothing is kept, the caller answers 5xx. */
  private static final String ROLLBACK = "ROLLBACK";

  /** Everything processing writes comes after this; a failure rolls back to here. */
  private static final String SAVEPOINT = "SAVEPOINT process";

  /**
   * Clears the failed statement's abort state and undoes processing's rows, but not the event's. No
   * RELEASE on success: COMMIT keeps the savepoint's work, a RELEASE would be one more round trip.
   */
  private static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT process";

  /** What processing came to: its result, or the failure already recorded on the event. */
  private record Attempt<T>(T result, Throwable failure) {
    Uni<T> outcome() {
      return failure == null ? Uni.createFrom().item(result) : Uni.createFrom().failure(failure);
    }
  }

  private final Pool pool;
  private final WebhookEventStore events;

  public EventTransaction(Pool pool, WebhookEventStore events) {
    this.pool = pool;
    this.events = events;
  }

  /**
   * Stores a parseable body and runs {@code process} (given the transaction's connection and the
   * event's id) on it, in one transaction; {@code json} as for {@link
   * WebhookEventStore#storeParsed}.
   */
  public <T> Uni<T> storeAndProcess(
      String requestId, String json, BiFunction<SqlConnection, Long, Uni<T>> process) {
    return transaction(
        c ->
            events
                .storeParsed(c, requestId, json)
                .flatMap(eventId -> inSavepoint(c, eventId, () -> process.apply(c, eventId))));
  }

  /** Runs {@code process} again on a stored event (replay), in a transaction of its own. */
  public <T> Uni<T> process(long eventId, Function<SqlConnection, Uni<T>> process) {
    return transaction(c -> inSavepoint(c, eventId, () -> process.apply(c)));
  }

  /**
   * The pool's {@code withConnection} runs {@code work} to its end even when the caller stops
   * waiting, so the connection never goes back to the pool inside an open transaction.
   */
  private <T> Uni<T> transaction(Function<SqlConnection, Uni<Attempt<T>>> work) {
    return pool.withConnection(
            c ->
                c.query(BEGIN)
                    .execute()
                    .flatMap(begun -> work.apply(c))
                    .call(() -> c.query(COMMIT).execute())
                    .onFailure()
                    .call(() -> c.query(ROLLBACK).execute().onFailure().recoverWithNull()))
        .flatMap(Attempt::outcome);
  }

  private <T> Uni<Attempt<T>> inSavepoint(
      SqlConnection c, long eventId, Supplier<Uni<? extends T>> work) {
    return c.query(SAVEPOINT)
        .execute()
        .flatMap(
            set ->
                Uni.createFrom()
                    .deferred(work)
                    .map(result -> new Attempt<T>(result, null))
                    .onFailure()
                    .recoverWithUni(
                        failure ->
                            c.query(ROLLBACK_TO_SAVEPOINT)
                                .execute()
                                .call(
                                    () ->
                                        events.markProcessed(
                                            c,
                                            eventId,
                                            "Processing failed: " + failure.getMessage()))
                                .replaceWith(new Attempt<T>(null, failure))));
  }
}
