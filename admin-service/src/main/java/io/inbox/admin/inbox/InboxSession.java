package io.inbox.admin.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.LocalDateTime;
import java.util.regex.Pattern;

/**
 * What the inbox model needs from the current reactive session beyond entities: the database's
 * clock, and statements that have one SQL owner elsewhere (the queue's, in {@code QueueAdminSql})
 * run inside the same transaction as the entity changes.
 */
public final class InboxSession {

  /** The transaction's start time in UTC, as the TIMESTAMP(3) columns hold it. */
  private static final String NOW = "SELECT CAST(now() AT TIME ZONE 'UTC' AS timestamp(3))";

  private static final Pattern VERTX_PARAMETER = Pattern.compile("\\$(\\d+)");

  private InboxSession() {}

  /** The database clock: every writer (webhook, runner, admin) stamps rows with it. */
  public static Uni<LocalDateTime> now() {
    return Panache.getSession()
        .flatMap(s -> s.createNativeQuery(NOW, LocalDateTime.class).getSingleResult());
  }

  /**
   * Runs an UPDATE/DELETE written for the Vert.x client ({@code $1, $2…}) in the session's
   * transaction, with JPA's ordinal parameters ({@code ?1, ?2…}) in their place; the row count.
   */
  public static Uni<Integer> execute(String vertxSql, Object... parameters) {
    String sql = VERTX_PARAMETER.matcher(vertxSql).replaceAll("?$1");
    return Panache.getSession()
        .flatMap(
            s -> {
              var query = s.createNativeQuery(sql);
              for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
              }
              return query.executeUpdate();
            });
  }
}
