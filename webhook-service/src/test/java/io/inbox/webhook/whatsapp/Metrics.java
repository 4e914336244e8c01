package io.inbox.webhook.whatsapp;

import static io.restassured.RestAssured.given;

/** Reads a counter from /q/metrics (Prometheus text), so tests can assert what it moved by. */
final class Metrics {

  private Metrics() {}

  /** The value of {@code name} whose labels include {@code label}; 0 while it does not exist. */
  static double counter(String name, String label) {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return text.lines()
        .filter(line -> line.startsWith(name + "{") && line.contains(label))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
