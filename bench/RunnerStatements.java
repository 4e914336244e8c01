/**
 * Prints the template (for bench/PgbenchScript.java, which fills in the packaged runner's own SQL
 * constants) of a pgbench script that runs what job-runner-service runs per job in a drain: the
 * claim (JobLeaseSql.CLAIM, one per {@code batch} jobs), then, as the runner's GroupCommit sends
 * them, the ledger reservation (SendLedgerSql.RESERVE), the bucket and pair slots
 * (PacingSql.RESERVE_SLOTS) and the record (SendLedgerSql.RECORD_SENT), each in pipelines of {@code
 * group} executions (one round trip, one implicit transaction, as GroupCommit's executeBatch). One
 * pgbench transaction is one claimed batch.
 *
 * <p>What the runner reads from the claim's rows and the reservation's RETURNING, pgbench cannot
 * (no loop over rows, no \gset in a pipeline): two reads per batch stand in, the claimed jobs of
 * this client (its client id is the claim's worker id) and their ledger ids. Parameters become
 * pgbench variables; the only other expressions are RECORD_SENT's $7 (null for a bot's reply:
 * pgbench's variables cannot be null) as NULLIF(:zero, 0). Values are the runner's defaults: lease
 * 30 s, reconcile 10 min, burst 50 ms, max wait 2 s, pair interval 6 s.
 *
 * <p>Usage: java bench/RunnerStatements.java batch group | java bench/PgbenchScript.java
 * job-runner-service/target/quarkus-app
 */
public class RunnerStatements {

  private static final String LEASE = "io.inbox.domain.queue.JobLeaseSql.";
  private static final String LEDGER = "io.inbox.domain.queue.SendLedgerSql.";
  private static final String PACING = "io.inbox.runner.pacing.PacingSql.";

  public static void main(String[] args) {
    int batch = Integer.parseInt(args[0]);
    int group = Integer.parseInt(args[1]);

    StringBuilder script = new StringBuilder();
    script.append(statement(LEASE + "CLAIM", 0, ":batch", ":lease", ":client_id", ":rescue"));
    script.append(claimedJobs(batch));
    stage(
        script,
        batch,
        group,
        LEDGER + "RESERVE",
        ":conv#",
        ":job#",
        ":job#",
        ":phone",
        ":body",
        ":epoch#",
        ":reconcile");
    stage(script, batch, group, PACING + "RESERVE_SLOTS", ":conv#", ":burst", ":maxwait", ":pair");
    script.append(ledgerIds(batch));
    stage(
        script,
        batch,
        group,
        LEDGER + "RECORD_SENT",
        ":ledger#",
        ":job#",
        ":conv#",
        ":body",
        ":job#",
        ":epoch#",
        "NULLIF(:zero, 0)");
    System.out.print(
        """
        \\set batch %d
        \\set lease 30
        \\set rescue 0
        \\set reconcile 600
        \\set burst 0.05
        \\set maxwait 2
        \\set pair 6
        \\set zero 0
        """
                .formatted(batch)
            + script);
  }

  /**
   * One execution: {@code expressions} for $1, $2 …, where {@code #} is the job's index (the
   * per-job variables the reads below set: {@code conv1}, {@code job1}, {@code epoch1}, {@code
   * ledger1} …).
   */
  private static String statement(String constant, int job, String... expressions) {
    StringBuilder placeholder = new StringBuilder("{{").append(constant).append('\n');
    for (int n = 1; n <= expressions.length; n++) {
      placeholder
          .append('$')
          .append(n)
          .append(' ')
          .append(expressions[n - 1].replace("#", Integer.toString(job)))
          .append('\n');
    }
    // pgbench ends an SQL command at a semicolon.
    return placeholder.append("}};\n").toString();
  }

  /** The batch's executions of one statement, {@code group} per pipeline. */
  private static void stage(
      StringBuilder script, int batch, int group, String constant, String... expressions) {
    for (int first = 1; first <= batch; first += group) {
      script.append("\\startpipeline\n");
      for (int job = first; job < first + group && job <= batch; job++) {
        script.append(statement(constant, job, expressions));
      }
      script.append("\\endpipeline\n");
    }
  }

  private static String claimedJobs(int batch) {
    StringBuilder select = new StringBuilder("SELECT '+260700000000' AS phone, 'reply' AS body");
    for (int k = 1; k <= batch; k++) {
      select.append(
          ", (array_agg(\"id\" ORDER BY \"id\"))[%1$d] AS job%1$d, (array_agg(\"conversationId\" ORDER BY \"id\"))[%1$d] AS conv%1$d, (array_agg(\"leaseEpoch\" ORDER BY \"id\"))[%1$d] AS epoch%1$d"
              .formatted(k));
    }
    return select
        + "\n"
        + "  FROM \"OutboundJob\" WHERE \"status\" = 'RUNNING' AND \"lockedBy\" ="
        + " :client_id::text\n"
        + "\\gset\n";
  }

  private static String ledgerIds(int batch) {
    StringBuilder select = new StringBuilder("SELECT 1 AS one");
    for (int k = 1; k <= batch; k++) {
      select.append(", (array_agg(l.\"id\" ORDER BY j.\"id\"))[%1$d] AS ledger%1$d".formatted(k));
    }
    return select
        + "\n"
        + "  FROM \"OutboundJob\" j JOIN \"OutboundMessageLog\" l ON l.\"outboundJobId\" ="
        + " j.\"id\"\n"
        + " WHERE j.\"status\" = 'RUNNING' AND j.\"lockedBy\" = :client_id::text\n"
        + "\\gset\n";
  }
}
