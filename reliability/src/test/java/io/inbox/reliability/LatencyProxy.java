package io.inbox.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on loopback in front of Postgres that holds every chunk it forwards for a delay that
 * can change while connections are open: a slow network or an overloaded database, as the services
 * see it.
 */
final class LatencyProxy implements AutoCloseable {

  private final ServerSocket server;
  private final ExecutorService pumps = Executors.newCachedThreadPool();
  private volatile long delayMillis;

  LatencyProxy(String upstreamHost, int upstreamPort) throws IOException {
    this(upstreamHost, upstreamPort, 0);
  }

  /** On a given loopback port ({@code 0}: any free one). */
  LatencyProxy(String upstreamHost, int upstreamPort, int port) throws IOException {
    server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    pumps.submit(
        () -> {
          while (!server.isClosed()) {
            try {
              Socket client = server.accept();
              Socket upstream = new Socket(upstreamHost, upstreamPort);
              client.setTcpNoDelay(true);
              upstream.setTcpNoDelay(true);
              pumps.submit(() -> pump(client, upstream));
              pumps.submit(() -> pump(upstream, client));
            } catch (IOException e) {
              // closed, or one connection failed: the service sees a refused connection
            }
          }
          return null;
        });
  }

  int port() {
    return server.getLocalPort();
  }

  void delay(long millis) {
    delayMillis = millis;
  }

  private Void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        long delay = delayMillis;
        if (delay > 0) {
          Thread.sleep(delay);
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed: close both below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
    return null;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    pumps.shutdownNow();
  }
}
