package io.inbox.webhook.whatsapp;

import static io.restassured.RestAssured.given;

/**
 * Reads a counter from /q/metrics (Prometheus text), so tests can assert what it moved by: earlier
 * tests of the same application already created (and moved) every counter, so its name appearing
 * proves nothing.
 */
final class Metrics {

  private Metrics() {}

  /** The value of {@code name} whose labels include {@code label}; 0 while it does not exist. */
  static double counter(String name, String label) {
    return scrape()
        .lines()
        .filter(line -> line.startsWith(name + "{") && line.contains(label))
        .mapToDouble(Metrics::value)
        .sum();
  }

  /** The value of {@code name} summed over all its label sets; 0 while it does not exist. */
  static double counter(String name) {
    return scrape()
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .mapToDouble(Metrics::value)
        .sum();
  }

  private static String scrape() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /** A sample's value, without the exemplar (` # {trace_id=…} …`) a traced request adds. */
  private static double value(String line) {
    int exemplar = line.indexOf(" # ");
    String sample = exemplar < 0 ? line : line.substring(0, exemplar);
    return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
  }
}
