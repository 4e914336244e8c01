package io.inbox.runner.outbound;

import java.util.List;

/** What one send carries: a text (inside the 24-hour window) or an approved template (any time). */
public sealed interface Content {

  /** A text reply; Meta refuses it once the customer's 24-hour window has closed (131047). */
  record Text(String body) implements Content {}

  /** A template Meta approved for the number, its body's {{1}}, {{2}}… filled in order. */
  record Template(String name, String language, List<String> parameters) implements Content {

    public Template {
      parameters = List.copyOf(parameters);
    }

    /** How the inbox shows it: the same text admin-service writes for an agent's template. */
    public String readable() {
      return "[template " + name + " (" + language + ")]";
    }
  }
}
