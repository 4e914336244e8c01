package io.inbox.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The machine's local Postgres cluster, stopped and started as an operator (or a failover) would.
 */
final class PostgresCluster {

  private PostgresCluster() {}

  /** Null when this machine has no Debian-managed cluster to restart. */
  static String version() throws IOException {
    Path root = Path.of("/etc/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(p -> p.getFileName().toString())
          .max((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
          .orElse(null);
    }
  }

  static void stop() throws Exception {
    control("stop", "-m", "fast");
  }

  static void start() throws Exception {
    control("start");
  }

  /** Whatever happened to a scenario, the modules after it need their database. */
  static void ensureRunning() throws Exception {
    try {
      start();
    } catch (IllegalStateException alreadyRunning) {
      // pg_ctlcluster start exits non-zero for a running cluster: nothing to do
    }
  }

  private static void control(String action, String... options) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("pg_ctlcluster", "--skip-systemctl-redirect", version(), "main", action));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("pg_ctlcluster " + action + " failed");
    }
  }
}
