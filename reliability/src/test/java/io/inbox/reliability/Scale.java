package io.inbox.reliability;

/**
 * CI runs every scenario small enough to finish in minutes; {@code -Dreliability.full=true} runs
 * the sizes docs/reliability.md reports.
 */
final class Scale {

  private Scale() {}

  static boolean full() {
    return Boolean.getBoolean("reliability.full");
  }

  static int pick(int ci, int full) {
    return full() ? full : ci;
  }

  static String name() {
    return full() ? "full" : "ci";
  }
}
