package io.inbox.guard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged guard as the init container runs it: its own JVM, configured by environment only.
 */
final class GuardProcess {

  record Run(int exitCode, String out, String err, long millis) {}

  private GuardProcess() {}

  static Process start(Map<String, String> env, Path output, String... args) throws IOException {
    return guard(env, args).redirectErrorStream(true).redirectOutput(output.toFile()).start();
  }

  /** The packaged guard with only the given connection variables set. */
  static ProcessBuilder guard(Map<String, String> env, String... args) {
    List<String> command =
        new ArrayList<>(List.of("java", "-jar", System.getProperty("guard.jar")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("DATABASE_URL");
    builder.environment().remove("DIRECT_URL");
    builder.environment().putAll(env);
    return builder;
  }

  static Run run(Map<String, String> env, String... args) throws Exception {
    Path out = Files.createTempFile("guard", ".out");
    Path err = Files.createTempFile("guard", ".err");
    long started = System.nanoTime();
    Process process =
        guard(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "guard hung");
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        millis);
  }
}
