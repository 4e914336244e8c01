package io.inbox.admin.ui.session;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.core.NewCookie;

/**
 * What one UI request carries besides its parameters: the signed-in agent and the CSRF token the
 * page's forms repeat. Templates read it as {@code inject:ui}.
 */
@RequestScoped
@Named("ui")
public class UiRequest {

  private String agent;
  private String csrf;
  private boolean newCsrf;
  private boolean secure;

  public String agent() {
    return agent;
  }

  public String csrf() {
    return csrf;
  }

  boolean newCsrf() {
    return newCsrf;
  }

  public boolean secure() {
    return secure;
  }

  /** A cookie of the UI: HttpOnly, SameSite=Strict, only under /inbox, Secure over TLS. */
  public NewCookie cookie(String name, String value, int maxAge) {
    return new NewCookie.Builder(name)
        .value(value)
        .path(UiGate.PREFIX)
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge(maxAge)
        .build();
  }

  void start(String agent, String csrf, boolean newCsrf, boolean secure) {
    this.agent = agent;
    this.csrf = csrf;
    this.newCsrf = newCsrf;
    this.secure = secure;
  }
}
