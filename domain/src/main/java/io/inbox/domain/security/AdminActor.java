package io.inbox.domain.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who makes an admin change, for the records that name them (a reply's author, a take-over, an
 * erasure). Today the {@code X-Admin-User} header beside the shared bearer token, which {@link
 * AdminBearerFilter} checks and hands over here; an OIDC login would supply a token claim instead,
 * and nothing that reads {@link #name()} changes.
 */
@RequestScoped
public class AdminActor {

  public static final String HEADER = "X-Admin-User";

  /** Longer than any person's name, short enough for a log line. */
  static final int MAX_LENGTH = 100;

  private String name;

  /** The acting person's name; set on every write the filter let through, else null. */
  public String name() {
    return name;
  }

  /**
   * Names the acting person; called by {@link AdminBearerFilter} and by admin-service's inbox UI
   * for the agent of a signed session.
   */
  public void identify(String name) {
    this.name = name;
  }

  /** The trimmed name, or null when it is missing, blank, too long or holds control characters. */
  static String valid(String header) {
    if (header == null) {
      return null;
    }
    String name = header.strip();
    boolean printable = name.codePoints().noneMatch(Character::isISOControl);
    return !name.isEmpty() && name.length() <= MAX_LENGTH && printable ? name : null;
  }
}
