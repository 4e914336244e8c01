package io.inbox.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Migration files are numbered V1, V2, … with no gap and no duplicate, and named as Flyway expects;
 * a script's settings file ({@code V<n>__<what>.sql.conf}) sits beside its script.
 */
class MigrationFilesTest {

  private static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

  @Test
  void versionsAreContiguousAndUnique() throws IOException {
    List<Integer> versions = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".sql.conf")) {
          Path script = file.resolveSibling(name.substring(0, name.length() - ".conf".length()));
          assertTrue(Files.exists(script), "settings for a missing script: " + file);
          continue;
        }
        Matcher m = NAME.matcher(name);
        assertTrue(m.matches(), "not a V<n>__<lower_snake>.sql migration: " + file);
        versions.add(Integer.parseInt(m.group(1)));
      }
    }
    versions.sort(Integer::compare);
    for (int i = 0; i < versions.size(); i++) {
      assertEquals(i + 1, versions.get(i), "migration versions must be 1..n: " + versions);
    }
  }
}
