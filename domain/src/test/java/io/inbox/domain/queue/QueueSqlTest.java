package io.inbox.domain.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The queue's statements write statuses as SQL literals (so they read as SQL); this holds every
 * such literal to the enums the CHECK constraints come from, so a typo fails here, not in prod.
 */
class QueueSqlTest {

  /**
   * Every class of the queue's statements: a new one is added here, or its literals go unchecked.
   */
  private static final List<Class<?>> STATEMENTS =
      List.of(JobEnqueueSql.class, JobLeaseSql.class, SendLedgerSql.class, QueueAdminSql.class);

  /**
   * Literals that are not job or ledger statuses or job kinds: Meta's delivery ranks, Message and
   * alerts.
   */
  private static final Set<String> OTHER_LITERALS =
      Set.of("UTC", "OUTBOUND", "DELIVERED", "READ", "JOB_FAILED");

  @Test
  void everyStatusLiteralIsAJobOrLedgerStatus() throws IllegalAccessException {
    Set<String> allowed =
        Stream.of(JobStatus.values(), LedgerStatus.values(), JobKind.values())
            .flatMap(Arrays::stream)
            .map(Enum::name)
            .collect(Collectors.toCollection(TreeSet::new));
    allowed.addAll(OTHER_LITERALS);
    Pattern literal = Pattern.compile("'([A-Z_]+)'");
    Set<String> seen = new TreeSet<>();
    int statements = 0;
    for (Class<?> statementClass : STATEMENTS) {
      for (Field field : statementClass.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          statements++;
          Matcher m = literal.matcher((String) field.get(null));
          while (m.find()) {
            seen.add(m.group(1));
          }
        }
      }
    }
    assertEquals(24, statements, "statements on OutboundJob / OutboundMessageLog");
    assertTrue(allowed.containsAll(seen), "unknown status literal in " + seen);
    assertTrue(seen.containsAll(Set.of("QUEUED", "RUNNING", "DONE", "FAILED", "CANCELLED")));
  }

  @Test
  void theRecordStatementClosesTheJobExactlyAsComplete() {
    String done = JobLeaseSql.COMPLETE.replace("$1", "$5").replace("$2", "$6").strip();
    String record = SendLedgerSql.RECORD_SENT.replaceAll("(?m)^ {4}", "");
    assertTrue(record.contains(done), SendLedgerSql.RECORD_SENT);
  }

  @Test
  void anAgentReplyLeftUnsentClosesTheJobExactlyAsComplete() {
    String unsent = JobLeaseSql.COMPLETE_UNSENT.replaceAll("(?m)^ {4}", "");
    assertTrue(unsent.contains(JobLeaseSql.COMPLETE.strip()), JobLeaseSql.COMPLETE_UNSENT);
  }
}
