package io.inbox.domain.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log line the application writes while open, as the console shows its message, with the MDC
 * fields it was written with.
 */
public final class LogLines extends Handler implements AutoCloseable {

  private record Line(String message, Map<String, String> mdc) {}

  private final Queue<Line> lines = new ConcurrentLinkedQueue<>();

  public static LogLines capture() {
    LogLines lines = new LogLines();
    Logger.getLogger("").addHandler(lines);
    return lines;
  }

  /** The first line containing {@code text}, waiting for it at most {@code within}. */
  public String await(String text, Duration within) throws InterruptedException {
    return awaitLine(text, within).message();
  }

  /** The MDC fields of the first line containing {@code text}, waiting for it as {@link #await}. */
  public Map<String, String> mdcOf(String text, Duration within) throws InterruptedException {
    return awaitLine(text, within).mdc();
  }

  private Line awaitLine(String text, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    do {
      for (Line line : lines) {
        if (line.message().contains(text)) {
          return line;
        }
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no log line containing \"" + text + "\" within " + within);
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(
        record instanceof ExtLogRecord ext
            ? new Line(ext.getFormattedMessage(), Map.copyOf(ext.getMdcCopy()))
            : new Line(record.getMessage(), Map.of()));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
