package io.inbox.admin.ui.conversation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The list's filters as a query string, so paging keeps them. */
record ListQuery(String value) {

  static ListQuery of(String q, boolean unread, boolean human, boolean mine) {
    StringBuilder s = new StringBuilder();
    if (q != null) {
      s.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
    }
    if (unread) {
      s.append("&unread=true");
    }
    if (human) {
      s.append("&human=true");
    }
    if (mine) {
      s.append("&mine=true");
    }
    return new ListQuery(s.toString());
  }

  /** The list's address for page {@code page} under the same filters. */
  String page(int page) {
    return "/inbox?page=" + page + value;
  }
}
