package io.inbox.runner.pacing;

/**
 * The two reservations a send makes before the provider is called, both in Postgres so that every
 * runner replica shares them, and both in one statement: a slot in its channel's token bucket
 * (Meta's throughput per number) and the conversation's pair slot (Meta's one message to the same
 * user every 6 s, error 131056). Times are the database's clock truncated to milliseconds, the
 * precision of the TIMESTAMP(3) columns: what is stored is exactly what the next reservation
 * computes from, so no rounding error adds up over thousands of sends. For each slot the statement
 * answers whether it was reserved and a wait: how long from now the reserved slot is, or, when
 * nothing was reserved because the wait would exceed the caller's maximum, how long until a slot
 * would be free. A reserved slot's wait is counted from {@code clock_timestamp()}, the moment the
 * answer is made, not from the transaction's start: a reservation that queued for the row lock
 * behind other runners' would otherwise send late by that queueing, and late sends bunch up with
 * punctual ones.
 *
 * <p>It commits without waiting for the WAL flush ({@code synchronous_commit} off for its own
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
   * Both slots of a send to conversation $1, in one statement (one round trip, one commit): a slot
   * in the shared bucket of its channel (its "channelId", or the default channel when that is NULL)
   * and, when $4 (the pair interval in seconds) is above 0, the conversation's pair slot. $2: the
   * burst in seconds of the channel's rate (at least one token); $3: the longest wait the caller
   * accepts, in seconds.
   *
   * <p><b>The bucket</b> ({@code reserved}, {@code bucket}). The upsert creates the bucket full on
   * a channel's first send and otherwise takes the row lock, so concurrent runners reserve one
   * after another against the latest row. The bucket is refilled at "messagesPerSecond" since
   * "refilledAt" (never above the burst) and one token is taken. Tokens may go negative: each
   * negative token is a reservation of a future slot, -tokens / rate seconds ahead, which the
   * caller waits for. "refilledAt" never moves back: a runner whose statement started before
   * another's commit computes against the later time. When the slot would be further than $3 away,
   * the DO UPDATE's WHERE leaves the row as it was (nothing reserved) and the second SELECT tells
   * how far away the next slot is, from the statement's snapshot: at worst an underestimate, so the
   * caller comes back a little early and asks again. Both answer the channel's "rate": the caller
   * measures a late send against one slot's length.
   *
   * <p><b>The pair slot</b> ({@code pair}), only once a bucket slot is reserved: the send goes no
   * sooner than $4 seconds after the last one to the same customer, by any runner, and not before
   * its bucket slot ("slotAt", in whole milliseconds), so "lastOutboundAt" is when the send really
   * goes. A compare-and-set in one UPDATE: the slot is computed from the row it locks (a concurrent
   * reservation is seen, not overwritten) and "lastOutboundAt" moves to it only when it is at most
   * $3 seconds away; otherwise nothing is written there ("pairReserved" false, "pairWaitSeconds"
   * from the snapshot) and the bucket's slot stays taken: one slot of the number's second unused,
   * as a send whose customer is over the pair limit is rare and its retry comes seconds later.
   * "pairHeldBack": the customer's last send, not the bucket slot, decides when the send goes. Only
   * "lastOutboundAt" changes: "updatedAt" orders the inbox by activity, and the inbox-event trigger
   * stays silent for a column it does not publish. The conversation's row is locked while the
   * bucket's is held; nothing locks them the other way round (only this statement takes the bucket
   * row), so they cannot deadlock.
   *
   * <p>Each wait is counted from {@code clock_timestamp()}, the moment the answer is made.
   */
  static final String RESERVE_SLOTS =
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
      ),
      bucket AS (
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
      ),
      pair AS (
          UPDATE "Conversation" c
             SET "lastOutboundAt" = GREATEST(k."now", b."slotAt", c."lastOutboundAt" + make_interval(secs => $4))
            FROM clock k, bucket b
           WHERE c."id" = $1 AND b."reserved" AND $4::float8 > 0
             AND GREATEST(k."now", b."slotAt", c."lastOutboundAt" + make_interval(secs => $4))
                 <= k."now" + make_interval(secs => $3)
          RETURNING GREATEST(0, EXTRACT(EPOCH FROM c."lastOutboundAt" - (clock_timestamp() AT TIME ZONE 'UTC')))::float8
                      AS "waitSeconds",
                    c."lastOutboundAt" > GREATEST(k."now", b."slotAt") AS "heldBack"
      )
      SELECT b."reserved", b."waitSeconds", b."rate",
             NOT b."reserved" OR $4::float8 <= 0 OR p."waitSeconds" IS NOT NULL AS "pairReserved",
             COALESCE(p."waitSeconds",
                      (SELECT COALESCE(EXTRACT(EPOCH FROM c."lastOutboundAt" + make_interval(secs => $4) - k."now")::float8, $4)
                         FROM "Conversation" c, clock k
                        WHERE c."id" = $1),
                      0)
               AS "pairWaitSeconds",
             COALESCE(p."heldBack", false) AS "pairHeldBack"
        FROM bucket b
        LEFT JOIN pair p ON true
      """;
}
