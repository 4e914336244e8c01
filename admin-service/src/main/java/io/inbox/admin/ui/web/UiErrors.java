package io.inbox.admin.ui.web;

import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The UI's error pages: what went wrong in the agent's words, never a stack trace. The API's errors
 * (a JSON map) keep their status; their text shows only for a conflict, where it says why.
 */
@ApplicationScoped
public class UiErrors {

  private final Template error;
  private final UiMessages msg;

  public UiErrors(@Location("ui/error.html") Template error, UiMessages msg) {
    this.error = error;
    this.msg = msg;
  }

  /**
   * The page {@code work} answers, or the error page for its failure, including one thrown before
   * its Uni exists (a malformed id): the API's JSON errors never reach an agent's browser.
   */
  public Uni<Response> guard(Supplier<Uni<Response>> work) {
    return Uni.createFrom().<Response>deferred(work::get).onFailure().recoverWithItem(this::page);
  }

  /** A page to show with 200, or the error page. */
  public Uni<Response> show(Supplier<Uni<TemplateInstance>> page) {
    return guard(() -> page.get().map(t -> Response.ok(t).build()));
  }

  public Response page(Throwable failure) {
    int status =
        failure instanceof WebApplicationException web ? web.getResponse().getStatus() : 500;
    String title;
    String text;
    if (status == 404) {
      title = msg.notFoundTitle();
      text = msg.notFoundText();
    } else if (status == 409 || status == 400) {
      title = msg.errorTitle();
      text = msg.conflictText(reason((WebApplicationException) failure));
    } else {
      Log.error("💥 [UI] Page failed", failure);
      status = 500;
      title = msg.errorTitle();
      text = msg.errorText();
    }
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(error.data("title", title).data("text", text).render())
        .build();
  }

  /** The API's own wording of a 400 or 409: {@code {"error": "..."}}. */
  public static String reason(WebApplicationException failure) {
    return failure.getResponse().getEntity() instanceof Map<?, ?> body && body.get("error") != null
        ? body.get("error").toString()
        : failure.getMessage();
  }

  /** The status of an API failure, 500 for anything else. */
  public static int status(Throwable failure) {
    return failure instanceof WebApplicationException web ? web.getResponse().getStatus() : 500;
  }
}
