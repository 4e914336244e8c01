package io.inbox.domain.sql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;

/** {@link TextRows} for the reactive client, kept apart so JDBC-only modules never load Vert.x. */
public final class ReactiveTextRows {

  private ReactiveTextRows() {}

  public static Uni<List<String[]>> query(Pool pool, String sql) {
    return pool.query(sql)
        .execute()
        .map(
            rowSet -> {
              List<String[]> rows = new ArrayList<>();
              for (Row row : rowSet) {
                String[] values = new String[row.size()];
                for (int i = 0; i < row.size(); i++) {
                  Object value = row.getValue(i);
                  values[i] = value == null ? null : value.toString();
                }
                rows.add(values);
              }
              return rows;
            });
  }
}
