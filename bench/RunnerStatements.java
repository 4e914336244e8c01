import java.io.File;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints a pgbench script that runs what job-runner-service runs per job in a drain, taken from the
 * packaged runner's own SQL constants (loaded by reflection from
 * job-runner-service/target/quarkus-app), so the bench cannot drift from the code: the claim
 * (OutboundQueueSql.CLAIM, one per {@code batch} jobs), then, as the runner's GroupCommit sends
 * them, the ledger reservation (RESERVE), the bucket slot (PacingSql.RESERVE_SEND), the pair slot
 * (PacingSql.RESERVE_PAIR) and the record (RECORD_SENT), each in pipelines of {@code group}
 * executions (one round trip, one implicit transaction, as GroupCommit's executeBatch). One
 * pgbench transaction is one claimed batch.
 *
 * <p>What the runner reads from the claim's rows and the reservation's RETURNING, pgbench cannot
 * (no loop over rows, no \gset in a pipeline): two reads per batch stand in, the claimed jobs of
 * this client (its client id is the claim's worker id) and their ledger ids. Parameters become
 * pgbench variables; the only rewrite besides that is RECORD_SENT's $7 (null for a bot's reply:
 * pgbench's variables cannot be null) as NULLIF(:zero, 0). Values are the runner's defaults: lease
 * 30 s, reconcile 10 min, burst 50 ms, max wait 2 s, pair interval 6 s.
 *
 * <p>Usage: java bench/RunnerStatements.java batch group [quarkus-app dir]
 */
public class RunnerStatements {

  public static void main(String[] args) throws Exception {
    int batch = Integer.parseInt(args[0]);
    int group = Integer.parseInt(args[1]);
    File app =
        new File(args.length > 2 ? args[2] : "job-runner-service/target/quarkus-app");
    List<URL> jars = new ArrayList<>();
    for (String dir : List.of("app", "lib/main")) {
      File[] files = new File(app, dir).listFiles((d, name) -> name.endsWith(".jar"));
      if (files == null) {
        throw new IllegalStateException("no " + dir + " in " + app + ": package the runner first");
      }
      for (File jar : files) {
        jars.add(jar.toURI().toURL());
      }
    }
    ClassLoader code = new URLClassLoader(jars.toArray(URL[]::new), null);
    String queue = "io.inbox.domain.queue.OutboundQueueSql";
    String pacing = "io.inbox.runner.pacing.PacingSql";

    StringBuilder script = new StringBuilder();
    script.append(
        statement(
            sql(code, queue, "CLAIM"),
            Map.of(1, "batch", 2, "lease", 3, "client_id", 4, "rescue")));
    script.append(claimedJobs(batch));
    stage(
        script,
        batch,
        group,
        sql(code, queue, "RESERVE"),
        Map.of(1, "conv", 2, "job", 3, "job", 4, "phone", 5, "body", 6, "epoch", 7, "reconcile"));
    stage(
        script,
        batch,
        group,
        sql(code, pacing, "RESERVE_SEND"),
        Map.of(1, "conv", 2, "burst", 3, "maxwait"));
    stage(
        script,
        batch,
        group,
        sql(code, pacing, "RESERVE_PAIR"),
        Map.of(1, "conv", 2, "pair", 3, "maxwait"));
    script.append(ledgerIds(batch));
    stage(
        script,
        batch,
        group,
        sql(code, queue, "RECORD_SENT").replace("$7", "NULLIF(:zero, 0)"),
        Map.of(1, "ledger", 2, "job", 3, "conv", 4, "body", 5, "job", 6, "epoch"));
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

  private static String sql(ClassLoader code, String className, String name) throws Exception {
    Field field = Class.forName(className, false, code).getDeclaredField(name);
    field.setAccessible(true);
    return (String) field.get(null);
  }

  /**
   * One execution: each $n becomes its variable; per-job variables ({@code conv}, {@code job},
   * {@code epoch}, {@code ledger}) take the job's index.
   */
  private static String statement(String sql, Map<Integer, String> vars, int job) {
    Matcher m = Pattern.compile("\\$(\\d+)").matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String var = vars.get(Integer.parseInt(m.group(1)));
      if (var == null) {
        throw new IllegalStateException("no variable for $" + m.group(1) + " in " + sql);
      }
      boolean perJob = List.of("conv", "job", "epoch", "ledger").contains(var);
      m.appendReplacement(out, Matcher.quoteReplacement(":" + var + (perJob ? job : "")));
    }
    m.appendTail(out);
    // pgbench ends an SQL command at a semicolon.
    return out.toString().strip() + ";\n";
  }

  private static String statement(String sql, Map<Integer, String> vars) {
    return statement(sql, vars, 0);
  }

  /** The batch's executions of one statement, {@code group} per pipeline. */
  private static void stage(
      StringBuilder script, int batch, int group, String sql, Map<Integer, String> vars) {
    for (int first = 1; first <= batch; first += group) {
      script.append("\\startpipeline\n");
      for (int job = first; job < first + group && job <= batch; job++) {
        script.append(statement(sql, vars, job));
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
        + "\n  FROM \"OutboundJob\" WHERE \"status\" = 'RUNNING' AND \"lockedBy\" = :client_id::text\n\\gset\n";
  }

  private static String ledgerIds(int batch) {
    StringBuilder select = new StringBuilder("SELECT 1 AS one");
    for (int k = 1; k <= batch; k++) {
      select.append(", (array_agg(l.\"id\" ORDER BY j.\"id\"))[%1$d] AS ledger%1$d".formatted(k));
    }
    return select
        + "\n  FROM \"OutboundJob\" j JOIN \"OutboundMessageLog\" l ON l.\"outboundJobId\" = j.\"id\""
        + "\n WHERE j.\"status\" = 'RUNNING' AND j.\"lockedBy\" = :client_id::text\n\\gset\n";
  }
}
