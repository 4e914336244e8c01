import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bench's stand-in for the WhatsApp Cloud API: answers every POST .../messages with a fresh
 * wamid, at once or after a fixed delay. WireMock's templating costs as much CPU per request as the
 * runner spends per job, which on two cores would measure WireMock; this costs almost nothing.
 * Run: java bench/CloudApiStub.java PORT [DELAY_MS]
 */
public class CloudApiStub {

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    long delayMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
    String prefix = "wamid.stub." + UUID.randomUUID().toString().substring(0, 8) + ".";
    AtomicLong sent = new AtomicLong();
    // Without it the JDK server's header and body writes meet delayed ACKs: 40 ms per answer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod())
                || !exchange.getRequestURI().getPath().endsWith("/messages")) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            if (delayMs > 0) {
              Thread.sleep(delayMs);
            }
            byte[] body =
                ("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\""
                        + prefix
                        + sent.incrementAndGet()
                        + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    // Blocking sleeps need a thread per in-flight request; 256 covers any runner concurrency here.
    server.setExecutor(Executors.newFixedThreadPool(delayMs > 0 ? 256 : 4));
    server.start();
    System.out.println("Cloud API stub on 127.0.0.1:" + port + ", delay " + delayMs + " ms");
  }
}
