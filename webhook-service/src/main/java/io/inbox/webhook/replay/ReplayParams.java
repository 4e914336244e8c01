package io.inbox.webhook.replay;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Replay's request parameters, checked at the edge: a bad one answers 400 naming it. */
final class ReplayParams {

  private ReplayParams() {}

  static long id(String raw) {
    try {
      long id = Long.parseLong(raw.strip());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw badRequest("id", "id must be a positive integer, got \"" + raw + "\"");
  }

  /** Required, ISO-8601 with a zone or offset: {@code 2026-01-01T10:00:00Z}. */
  static Instant instant(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      throw badRequest(
          field, field + " is required (an ISO-8601 instant, e.g. 2026-01-01T00:00:00Z)");
    }
    try {
      return Instant.parse(raw.strip());
    } catch (DateTimeParseException e) {
      throw badRequest(
          field,
          field + " must be an ISO-8601 instant (e.g. 2026-01-01T00:00:00Z), got \"" + raw + "\"");
    }
  }

  static boolean flag(String raw, String field, boolean absent) {
    if (raw == null || raw.isBlank()) {
      return absent;
    }
    return switch (raw.strip()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw badRequest(field, field + " must be true or false, got \"" + raw + "\"");
    };
  }

  static WebApplicationException badRequest(String field, String message) {
    return answer(Response.Status.BAD_REQUEST, Map.of("error", message, "field", field));
  }

  static WebApplicationException answer(Response.Status status, Map<String, String> body) {
    return new WebApplicationException(
        Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build());
  }
}
