package io.inbox.admin.web;

import java.util.List;

/** A page of a list: every list is bounded (limit ≤ {@link Params#MAX_LIMIT}). */
public record Page<T>(List<T> items, int page, int limit, boolean hasMore) {

  /**
   * The inclusive index range a Panache query reads for a page: {@code limit + 1} rows from the
   * page's first, the extra one saying whether more follow; capped where an int ends.
   */
  public static int lastRow(int page, int limit) {
    return (int) Math.min((long) page * limit + limit, Integer.MAX_VALUE);
  }

  /** From {@code limit + 1} fetched rows: the extra one only says there is more. */
  public static <T> Page<T> of(List<T> fetched, int page, int limit) {
    boolean more = fetched.size() > limit;
    return new Page<>(more ? fetched.subList(0, limit) : fetched, page, limit, more);
  }
}
