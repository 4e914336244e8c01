package io.inbox.admin.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;

/** Request parameters checked at the edge: a bad one answers 400 naming the field. */
public final class Params {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  private Params() {}

  public static long id(String raw, String field) {
    try {
      long id = Long.parseLong(raw == null ? "" : raw.strip());
      if (id > 0 && id <= Integer.MAX_VALUE) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw badRequest(field, field + " must be a positive integer, got \"" + raw + "\"");
  }

  public static int limit(String raw) {
    return limit(raw, MAX_LIMIT);
  }

  /** A page size from 1 to {@code max}, {@link #DEFAULT_LIMIT} when absent. */
  public static int limit(String raw, int max) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_LIMIT;
    }
    int limit = wholeNumber(raw, "limit");
    if (limit < 1 || limit > max) {
      throw badRequest("limit", "limit must be between 1 and " + max + ", got " + raw);
    }
    return limit;
  }

  /** A person's name given in a body or filter: trimmed, 1 to {@code max} printable characters. */
  public static String name(String raw, String field, int max) {
    String name = raw == null ? "" : raw.strip();
    if (name.isEmpty()
        || name.length() > max
        || name.codePoints().anyMatch(Character::isISOControl)) {
      throw badRequest(
          field, field + " must be 1 to " + max + " printable characters, got \"" + raw + "\"");
    }
    return name;
  }

  /**
   * The page number for pages of {@code limit} rows. Its offset ({@code page * limit}) must fit an
   * int: the services compute it as one, and an overflow would reach the database negative.
   */
  public static int page(String raw, int limit) {
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    int page = wholeNumber(raw, "page");
    if (page < 0) {
      throw badRequest("page", "page must be 0 or more, got " + raw);
    }
    int last = Integer.MAX_VALUE / limit;
    if (page > last) {
      throw badRequest(
          "page", "page must be at most " + last + " with limit " + limit + ", got " + raw);
    }
    return page;
  }

  public static boolean flag(String raw, String field) {
    if (raw == null || raw.isBlank()) {
      return false;
    }
    return switch (raw.strip().toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw badRequest(field, field + " must be true or false, got \"" + raw + "\"");
    };
  }

  /** Null when absent; otherwise one of {@code allowed}, upper-cased. */
  public static String oneOf(String raw, Set<String> allowed, String field) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String value = raw.strip().toUpperCase();
    if (!allowed.contains(value)) {
      throw badRequest(
          field,
          field
              + " must be one of "
              + String.join(", ", allowed.stream().sorted().toList())
              + ", got \""
              + raw
              + "\"");
    }
    return value;
  }

  public static WebApplicationException badRequest(String field, String message) {
    return new WebApplicationException(
        Response.status(Response.Status.BAD_REQUEST)
            .type(MediaType.APPLICATION_JSON)
            .entity(Map.of("error", message, "field", field))
            .build());
  }

  public static WebApplicationException notFound(String message) {
    return status(Response.Status.NOT_FOUND, Map.of("error", message));
  }

  public static WebApplicationException status(Response.Status status, Object body) {
    return new WebApplicationException(
        Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build());
  }

  private static int wholeNumber(String raw, String field) {
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw badRequest(field, field + " must be a whole number, got \"" + raw + "\"");
    }
  }
}
