package io.inbox.runner.pacing;

/**
 * The two reservations a send makes before the provider is called, both in Postgres so that every
 * runner replica shares them: a slot in its channel's token bucket (Meta's throughput per number)
 * and the conversation's pair slot (Meta's one message to the same user every 6 s, error 131056).
 * Times are the database's clock truncated to milliseconds, the precision of the TIMESTAMP(3)
 * columns: what is stored is exactly what the next reservation computes from, so no rounding error
 * adds up over thousands of sends. Each statement answers {@code reserved} and {@code waitSeconds}:
 * how long from now the reserved slot is, or, when nothing was reserved because the wait would
 * exceed the caller's maximum, how long until a slot would be free. A reserved slot's wait is
 * counted from {@code clock_timestamp()}, the moment the answer is made, not from the transaction's
 * start: a reservation that queued for the row lock behind other runners' would otherwise send late
 * by that queueing, and late sends bunch up with punctual ones.
 *
 * <p>Both commit without waiting for the WAL flush ({@code synchronous_commit} off for their own
 * transaction, set in the {@code clock} CTE as {@code SET LOCAL} would): every send of a number
 * reserves on the same bucket row, which stays locked until its reservation commits, so a flush per
 * reservation (≈ 0.4 ms on a local disk) capped a number at 1,000–1,600 sends a second whatever the
 * runners' concurrency (4,000–9,000 without; docs/benchmarks.md). Nothing durable is at stake: a
 * crash of Postgres can forget the reservations of its last fraction of a second (those no later
 * durable commit flushed); sends after it may then take a slot or a pair slot that was already
 * used, and Meta's answer to that (130429, 131056) is handled as any provider throttle.
 */
final class PacingSql {

  private PacingSql() {}

  /**
   * A slot in the shared bucket of conversation $1's channel (its "channelId", or the default
   * channel when that is NULL). $2: the burst in seconds of the channel's rate (at least one
   * token); $3: the longest wait the caller accepts, in seconds.
   *
   * <p>The upsert creates the bucket full on a channel's first send and otherwise takes the row
   * lock, so concurrent runners reserve one after another against the latest row. The bucket is
   * refilled at "messagesPerSecond" since "refilledAt" (never above the burst) and one token is
   * taken. Tokens may go negative: each negative token is a reservation of a future slot, -tokens /
   * rate seconds ahead, which the caller waits for. "refilledAt" never moves back: a runner whose
   * statement started before another's commit computes against the later time. When the slot would
   * be further than $3 away, the DO UPDATE's WHERE leaves the row as it was (nothing reserved) and
   * the second SELECT tells how far away the next slot is, from the statement's snapshot: at worst
   * an underestimate, so the caller comes back a little early and asks again. Both answer the
   * channel's "rate" too: the caller measures a late send against one slot's length. A reserved
   * slot also answers when it is ("slotAt", the database's clock in whole milliseconds), which the
   * caller hands to {@link #RESERVE_PAIR}.
   */
  static final String RESERVE_SEND =
      """
      WITH channel AS (
          SELECT ch."id", ch."messagesPerSecond"::float8 AS "rate",
                 GREATEST(1, ch."messagesPerSecond" * $2::float8) AS "burst"
            FROM "Conversation" c
            JOIN "Channel" ch ON ch."id" = c."channelId" OR (c."channelId" IS NULL AND ch."isDefault")
           WHERE c."id" = $1
      ),
      clock AS (
          SELECT date_trunc('milliseconds', now() AT TIME ZONE 'UTC') AS "now",
                 set_config('synchronous_commit', 'off', true) AS "asyncCommit"
      ),
      reserved AS (
          INSERT INTO "ChannelPacing" AS p ("channelId", "tokens", "refilledAt")
          SELECT ch."id", ch."burst" - 1, k."now" FROM channel ch, clock k
          ON CONFLICT ("channelId") DO UPDATE
             SET "tokens" = LEAST(EXCLUDED."tokens" + 1,
                                  p."tokens" + GREATEST(0, EXTRACT(EPOCH FROM EXCLUDED."refilledAt" - p."refilledAt"))::float8
                                               * (SELECT "rate" FROM channel)) - 1,
                 "refilledAt" = GREATEST(p."refilledAt", EXCLUDED."refilledAt")
           WHERE LEAST(EXCLUDED."tokens" + 1,
                       p."tokens" + GREATEST(0, EXTRACT(EPOCH FROM EXCLUDED."refilledAt" - p."refilledAt"))::float8
                                    * (SELECT "rate" FROM channel)) - 1
                 >= -$3::float8 * (SELECT "rate" FROM channel)
          RETURNING p."tokens", p."refilledAt"
      )
      SELECT true AS "reserved",
             GREATEST(0, EXTRACT(EPOCH FROM r."refilledAt" - (clock_timestamp() AT TIME ZONE 'UTC'))::float8
                         - r."tokens" / ch."rate")
               AS "waitSeconds",
             ch."rate",
             date_trunc('milliseconds', r."refilledAt" + make_interval(secs => GREATEST(0, -r."tokens") / ch."rate"))
               AS "slotAt"
        FROM reserved r, channel ch
      UNION ALL
      SELECT false,
             GREATEST(0, 1 - LEAST(ch."burst",
                                   p."tokens" + GREATEST(0, EXTRACT(EPOCH FROM k."now" - p."refilledAt"))::float8
                                                * ch."rate")) / ch."rate",
             ch."rate",
             NULL
        FROM channel ch
        JOIN "ChannelPacing" p ON p."channelId" = ch."id"
       CROSS JOIN clock k
       WHERE NOT EXISTS (SELECT 1 FROM reserved)
      """;

  /**
   * Conversation $1's pair slot: the send goes no sooner than $2 seconds after the last one to the
   * same customer, by any runner, and not before $4 (the send's bucket slot, or NULL). A
   * compare-and-set in one UPDATE: the slot is computed from the row it locks (a concurrent
   * reservation is seen, not overwritten) and "lastOutboundAt" moves to it only when it is at most
   * $3 seconds away; otherwise nothing is written and the second SELECT tells how far away it is.
   * "heldBack": the customer's last send, not $4, decides the slot. Reserved right after the bucket
   * slot, with that slot as $4, the pair slot is when the send really goes, and its round trip is
   * made while the bucket's wait runs, not after it. Only "lastOutboundAt" changes: "updatedAt"
   * orders the inbox by activity, and the inbox-event trigger stays silent for a column it does not
   * publish.
   */
  static final String RESERVE_PAIR =
      """
      WITH clock AS (
          SELECT date_trunc('milliseconds', now() AT TIME ZONE 'UTC') AS "now",
                 set_config('synchronous_commit', 'off', true) AS "asyncCommit"
      ),
      reserved AS (
          UPDATE "Conversation" c
             SET "lastOutboundAt" = GREATEST(k."now", $4::timestamp, c."lastOutboundAt" + make_interval(secs => $2))
            FROM clock k
           WHERE c."id" = $1
             AND GREATEST(k."now", $4::timestamp, c."lastOutboundAt" + make_interval(secs => $2))
                 <= k."now" + make_interval(secs => $3)
          RETURNING GREATEST(0, EXTRACT(EPOCH FROM c."lastOutboundAt" - (clock_timestamp() AT TIME ZONE 'UTC')))::float8
                      AS "waitSeconds",
                    c."lastOutboundAt" > GREATEST(k."now", $4::timestamp) AS "heldBack"
      )
      SELECT true AS "reserved", "waitSeconds", "heldBack" FROM reserved
      UNION ALL
      SELECT false,
             COALESCE(EXTRACT(EPOCH FROM c."lastOutboundAt" + make_interval(secs => $2) - k."now")::float8, $2),
             true
        FROM "Conversation" c, clock k
       WHERE c."id" = $1 AND NOT EXISTS (SELECT 1 FROM reserved)
      """;
}
