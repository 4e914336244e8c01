package io.inbox.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a scenario measured: printed as one log line and appended to {@code
 * target/reliability/figures.md}, the rows docs/reliability.md is made of.
 */
final class Figures {

  private final String scenario;
  private final Map<String, Object> values = new LinkedHashMap<>();

  Figures(String scenario) {
    this.scenario = scenario;
  }

  Figures put(String name, Object value) {
    values.put(name, value);
    return this;
  }

  /** The {@code p}th percentile (nearest rank) of {@code values}; 0 when there are none. */
  static long percentile(Collection<Long> values, int p) {
    List<Long> sorted = values.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  void report() throws IOException {
    String line =
        values.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
    System.out.println(
        "📊 [RELIABILITY] scenario=" + scenario + " scale=" + Scale.name() + " " + line);
    Path file = Path.of("target/reliability/figures.md");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "| " + scenario + " | " + Scale.name() + " | " + line + " |\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
