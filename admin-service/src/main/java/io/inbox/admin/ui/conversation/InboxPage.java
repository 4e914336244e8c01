package io.inbox.admin.ui.conversation;

import io.inbox.admin.conversation.ConversationFilter;
import io.inbox.admin.conversation.ConversationService;
import io.inbox.admin.ui.web.UiErrors;
import io.inbox.domain.security.AdminActor;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The conversation list: search, filters (unread, HUMAN, mine), pages; refreshed live by JS. */
@Path("/inbox")
@Produces(MediaType.TEXT_HTML)
public class InboxPage {

  static final int PAGE_SIZE = 25;

  /** The API's limit for search text; longer input is cut rather than refused. */
  static final int MAX_SEARCH = 100;

  private final Template list;
  private final ConversationService conversations;
  private final AdminActor actor;
  private final UiErrors errors;

  public InboxPage(
      @Location("ui/list.html") Template list,
      ConversationService conversations,
      AdminActor actor,
      UiErrors errors) {
    this.list = list;
    this.conversations = conversations;
    this.actor = actor;
    this.errors = errors;
  }

  @GET
  public Uni<Response> list(
      @QueryParam("q") String q,
      @QueryParam("unread") boolean unread,
      @QueryParam("human") boolean human,
      @QueryParam("mine") boolean mine,
      @QueryParam("page") int page) {
    return errors.show(() -> page(search(q), unread, human, mine, page));
  }

  private Uni<TemplateInstance> page(
      String search, boolean unread, boolean human, boolean mine, int page) {
    ConversationFilter filter =
        new ConversationFilter(
            false,
            null,
            human ? "HUMAN" : null,
            unread ? Boolean.TRUE : null,
            mine ? actor.name() : null,
            search);
    int from = Math.max(0, Math.min(page, Integer.MAX_VALUE / PAGE_SIZE - 1));
    ListQuery query = ListQuery.of(search, unread, human, mine);
    return conversations
        .list(filter, from, PAGE_SIZE)
        .map(
            result ->
                list.data("page", result)
                    .data("q", search == null ? "" : search)
                    .data("unread", unread)
                    .data("human", human)
                    .data("mine", mine)
                    .data("newer", from > 0 ? query.page(from - 1) : null)
                    .data("older", result.hasMore() ? query.page(from + 1) : null));
  }

  /** Trimmed, without control characters, at most {@link #MAX_SEARCH} characters; null if empty. */
  static String search(String q) {
    if (q == null) {
      return null;
    }
    StringBuilder clean = new StringBuilder();
    q.strip().codePoints().filter(c -> !Character.isISOControl(c)).forEach(clean::appendCodePoint);
    String s = clean.length() > MAX_SEARCH ? clean.substring(0, MAX_SEARCH) : clean.toString();
    return s.isBlank() ? null : s;
  }
}
