package io.inbox.runner.wakeup;

import io.inbox.domain.testing.TestDatabase;
import io.inbox.runner.Seed;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

/**
 * A DIRECT_URL whose port answers nothing until the test calls {@link #open()}: then a plain TCP
 * relay to the local Postgres. Stands for a direct endpoint that is unreachable when the runner
 * starts (a firewall rule not applied yet, a primary still booting).
 */
public class LatePostgres implements QuarkusTestResourceLifecycleManager {

  private static int port;
  private static ServerSocket server;

  @Override
  public Map<String, String> start() {
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Map.of(
        "DIRECT_URL", "postgresql://" + TestDatabase.user() + "@127.0.0.1:" + port + "/" + Seed.DB);
  }

  /** From now on the DIRECT_URL port relays to Postgres. */
  public static synchronized void open() throws IOException {
    server = new ServerSocket(port);
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket client = server.accept();
                  Socket postgres = new Socket(TestDatabase.host(), TestDatabase.port());
                  pipe(client.getInputStream(), postgres.getOutputStream());
                  pipe(postgres.getInputStream(), client.getOutputStream());
                } catch (IOException e) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static void pipe(InputStream in, OutputStream out) {
    Thread t =
        new Thread(
            () -> {
              try (in;
                  out) {
                in.transferTo(out);
              } catch (IOException ignored) {
                // either side closed: the relay ends
              }
            });
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // closing at the end of the run
    }
  }
}
