package io.inbox.admin.conversation;

import io.inbox.domain.inbox.ConversationMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inbox's queries, in HQL over the {@code io.inbox.admin.inbox} entities. A list is built from
 * the filters it has (no {@code :x IS NULL OR …}): each search runs with a plan made for it, so the
 * trigram indexes serve {@code q} and the {@code lastInboundAt} index serves the order.
 */
final class ConversationQueries {

  private ConversationQueries() {}

  /** The escape character of every ILIKE pattern built from user input. */
  static final char ESCAPE = '!';

  private static final String PAGE =
      "select c, ct from Conversation c join Contact ct on ct.id = c.contactId";

  /**
   * Most recent customer activity first; never-written-to last (index
   * Conversation_lastInboundAt_idx).
   */
  private static final String ORDER = " order by c.lastInboundAt desc nulls last, c.id desc";

  private static final String NOT_DELETED = "c.deletedAt is null";
  private static final String STATUS = "c.status = :status";
  private static final String MODE = "c.mode = :mode";
  private static final String ASSIGNEE = "c.assignee = :assignee";

  /** Unread: an inbound message after the last read (all of them when never read). */
  private static final String UNREAD =
      """
      exists (select 1 from Message u
               where u.conversationId = c.id and u.direction = 'INBOUND'
                 and (c.lastReadAt is null or u.createdAt > c.lastReadAt))""";

  /**
   * Name or message text; each side is a subquery Postgres runs once with its trigram index
   * (Contact_name_trgm_idx, Message_body_trgm_idx) and hashes, not once per conversation.
   */
  private static final String MATCHES_TEXT =
      """
      (c.contactId in (select n.id from Contact n where n.name ilike :text escape '!')
       or c.id in (select m.conversationId from Message m where m.body ilike :text escape '!'))""";

  /** As {@link #MATCHES_TEXT}, plus the phone by its digits (Contact_phone_trgm_idx). */
  private static final String MATCHES_TEXT_OR_PHONE =
      """
      (c.contactId in (select n.id from Contact n
                        where n.name ilike :text escape '!' or n.phone ilike :digits escape '!')
       or c.id in (select m.conversationId from Message m where m.body ilike :text escape '!'))""";

  /**
   * The conversations {@code q} can match, unordered, as soon as found (UNION ALL streams; the
   * caller stops after {@link #FEW_CANDIDATES} and removes duplicates). A rare term finds a handful
   * here in a millisecond, and the list then reads only those; a common one is listed by {@link
   * #MATCHES_TEXT}, whose scan in list order stops at the page's end.
   */
  static final String CANDIDATES_TEXT =
      """
      select c.id from Conversation c
       where c.contactId in (select n.id from Contact n where n.name ilike :text escape '!')
      union all
      select m.conversationId from Message m where m.body ilike :text escape '!'""";

  static final String CANDIDATES_TEXT_OR_PHONE =
      """
      select c.id from Conversation c
       where c.contactId in (select n.id from Contact n
                              where n.name ilike :text escape '!' or n.phone ilike :digits escape '!')
      union all
      select m.conversationId from Message m where m.body ilike :text escape '!'""";

  /** Up to this many candidates, the list reads them by id and sorts them. */
  static final int FEW_CANDIDATES = 2000;

  private static final String AMONG = "c.id in :candidates";

  /** Per conversation of a page: inbound messages after the last read, and the latest message. */
  static final String PAGE_DETAILS =
      """
      select c.id,
             (select count(*) from Message u
               where u.conversationId = c.id and u.direction = 'INBOUND'
                 and (c.lastReadAt is null or u.createdAt > c.lastReadAt)),
             last.body, last.direction, last.createdAt
        from Conversation c
        left join lateral (select m.body as body, m.direction as direction, m.createdAt as createdAt
                             from Message m where m.conversationId = c.id
                            order by m.createdAt desc, m.id desc limit 1) last on true
       where c.id in :ids
      """;

  static final String ONE = PAGE + " where c.id = :id";

  /** A page of the thread, oldest first (the detail view). */
  static final String MESSAGES =
      "from Message m where m.conversationId = :id order by m.createdAt, m.id";

  /** The thread newest first, from its latest message. */
  static final String THREAD =
      "from Message m where m.conversationId = :id order by m.createdAt desc, m.id desc";

  /**
   * The thread newest first, older than the cursor message (same order, so pages never overlap).
   */
  static final String THREAD_BEFORE =
      """
      from Message m where m.conversationId = :id
         and (m.createdAt < :at or (m.createdAt = :at and m.id < :before))
       order by m.createdAt desc, m.id desc""";

  /** An HQL query and its parameters. */
  record Query(String hql, Map<String, Object> parameters) {}

  /** The query for {@code q}'s candidates ({@code filter.q()} is set). */
  static Query candidates(ConversationFilter filter) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("text", contains(filter.q()));
    String digits = filter.q().replaceAll("\\D", "");
    if (digits.isEmpty()) {
      return new Query(CANDIDATES_TEXT, parameters);
    }
    parameters.put("digits", contains(digits));
    return new Query(CANDIDATES_TEXT_OR_PHONE, parameters);
  }

  /** The list among known candidates: {@code q} is already applied. */
  static Query list(ConversationFilter filter, List<Integer> candidates) {
    Query all =
        list(
            new ConversationFilter(
                filter.includeDeleted(),
                filter.status(),
                filter.mode(),
                filter.unread(),
                filter.assignee(),
                null));
    Map<String, Object> parameters = new LinkedHashMap<>(all.parameters());
    parameters.put("candidates", candidates);
    String hql = all.hql().replace(ORDER, "");
    hql += (hql.contains(" where ") ? " and " : " where ") + AMONG + ORDER;
    return new Query(hql, parameters);
  }

  static Query list(ConversationFilter filter) {
    List<String> where = new ArrayList<>();
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (!filter.includeDeleted()) {
      where.add(NOT_DELETED);
    }
    if (filter.status() != null) {
      where.add(STATUS);
      parameters.put("status", filter.status());
    }
    if (filter.mode() != null) {
      where.add(MODE);
      parameters.put("mode", ConversationMode.valueOf(filter.mode()));
    }
    if (filter.assignee() != null) {
      where.add(ASSIGNEE);
      parameters.put("assignee", filter.assignee());
    }
    if (filter.unread() != null) {
      where.add(filter.unread() ? UNREAD : "not " + UNREAD);
    }
    if (filter.q() != null) {
      parameters.put("text", contains(filter.q()));
      String digits = filter.q().replaceAll("\\D", "");
      if (digits.isEmpty()) {
        where.add(MATCHES_TEXT);
      } else {
        where.add(MATCHES_TEXT_OR_PHONE);
        parameters.put("digits", contains(digits));
      }
    }
    String hql = PAGE + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + ORDER;
    return new Query(hql, parameters);
  }

  /** An ILIKE pattern matching {@code text} anywhere, its own % and _ taken literally. */
  static String contains(String text) {
    StringBuilder pattern = new StringBuilder("%");
    for (char ch : text.toCharArray()) {
      if (ch == '%' || ch == '_' || ch == ESCAPE) {
        pattern.append(ESCAPE);
      }
      pattern.append(ch);
    }
    return pattern.append('%').toString();
  }
}
