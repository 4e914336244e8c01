package io.inbox.webhook.whatsapp;

/**
 * A part of a webhook body we cannot act on, and where it sat: {@code
 * entry[0].changes[1].messages[2]: no "from"}. Recorded on the event so an operator sees what was
 * left out; everything else of the body is still handled.
 *
 * @param reason the metric tag, from a small fixed set
 */
public record RejectedItem(String path, String problem, String reason) {

  static RejectedItem missing(String path, String field) {
    return new RejectedItem(path, "no \"" + field + "\"", "missing_" + field);
  }

  static RejectedItem notAnObject(String path) {
    return new RejectedItem(path, "not an object", "not_an_object");
  }

  /** The message's own object ({@code "image": "x"}) has the wrong shape for its type. */
  static RejectedItem malformed(String path, String type) {
    return new RejectedItem(path, "\"" + type + "\" has the wrong shape", "malformed_type");
  }

  static RejectedItem notAnArray(String path) {
    return new RejectedItem(path, "not an array", "not_an_array");
  }

  @Override
  public String toString() {
    return path + ": " + problem;
  }
}
