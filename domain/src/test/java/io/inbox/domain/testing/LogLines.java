package io.inbox.domain.testing;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** Every log line the application writes while open, as the console shows its message. */
public final class LogLines extends Handler implements AutoCloseable {

  private final Queue<String> lines = new ConcurrentLinkedQueue<>();

  public static LogLines capture() {
    LogLines lines = new LogLines();
    Logger.getLogger("").addHandler(lines);
    return lines;
  }

  /** The first line containing {@code text}, waiting for it at most {@code within}. */
  public String await(String text, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    do {
      for (String line : lines) {
        if (line.contains(text)) {
          return line;
        }
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no log line containing \"" + text + "\" within " + within);
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
