package io.inbox.admin.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A Server-Sent Events client on java.net.http: what a browser's EventSource receives. */
final class SseClient implements AutoCloseable {

  /** One block of the stream: an event, or a comment line alone. */
  record Block(String id, String event, String data, String comment) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final BlockingQueue<Block> blocks = new LinkedBlockingQueue<>();
  private final Stream<String> lines;
  private final int status;

  private SseClient(HttpResponse<Stream<String>> response) {
    this.status = response.statusCode();
    this.lines = response.body();
    Thread reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  static SseClient open(URI uri, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
    headers.forEach(request::header);
    return new SseClient(
        HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
            .get(30, TimeUnit.SECONDS));
  }

  int status() {
    return status;
  }

  /** The next block, failing when none comes within 30 s. */
  Block next() throws InterruptedException {
    Block block = blocks.poll(30, TimeUnit.SECONDS);
    if (block == null) {
      throw new AssertionError("no server-sent event within 30 s");
    }
    return block;
  }

  /** The next event, skipping comment lines (keep-alives), failing when none comes in 30 s. */
  Block nextEvent() throws InterruptedException {
    List<Block> events = eventsWithin(Duration.ofSeconds(30), 1);
    if (events.isEmpty()) {
      throw new AssertionError("no server-sent event within 30 s");
    }
    return events.get(0);
  }

  /** Waits for the comment that ends the replay; returns the events replayed before it. */
  List<Block> replayUntilLive() throws InterruptedException {
    List<Block> replayed = new ArrayList<>();
    for (Block block = next(); !"live".equals(block.comment()); block = next()) {
      if (block.event() != null) {
        replayed.add(block);
      }
    }
    return replayed;
  }

  /** The events (not comments) that arrive within {@code wait}, stopping at {@code max}. */
  List<Block> eventsWithin(Duration wait, int max) throws InterruptedException {
    List<Block> events = new ArrayList<>();
    long deadline = System.nanoTime() + wait.toNanos();
    for (long left = wait.toNanos();
        left > 0 && events.size() < max;
        left = deadline - System.nanoTime()) {
      Block block = blocks.poll(left, TimeUnit.NANOSECONDS);
      if (block != null && block.event() != null) {
        events.add(block);
      }
    }
    return events;
  }

  private void read() {
    String id = null;
    String event = null;
    String data = null;
    String comment = null;
    try {
      for (var it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (line.isEmpty()) {
          if (id != null || event != null || data != null || comment != null) {
            blocks.add(new Block(id, event, data, comment));
          }
          id = event = data = comment = null;
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
        switch (field) {
          case "" -> comment = value;
          case "id" -> id = value;
          case "event" -> event = value;
          case "data" -> data = data == null ? value : data + "\n" + value;
          default -> {}
        }
      }
    } catch (RuntimeException closed) {
      // the stream was closed: the test is done with it
    }
  }

  @Override
  public void close() {
    lines.close();
  }
}
