package io.inbox.domain.mismatch;

import io.inbox.domain.schema.ProductSchema;
import io.inbox.domain.schema.SchemaContract;
import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the database telling us the code is ahead of the schema (SQLSTATE 42703 undefined
 * column, 42P01 undefined table), anywhere in an exception's cause chain, and names the object as
 * the contract knows it ({@code Conversation.deletedAt}). The Vert.x client reports a {@link
 * PgException}; Hibernate Reactive hands the same error on as a {@link SQLException}.
 */
public record MissingSchemaObject(String name) {

  private static final Pattern COLUMN =
      Pattern.compile("column \"?(?:[\\w]+\\.)?\"?([\\w]+)\"? does not exist");
  private static final Pattern TABLE = Pattern.compile("relation \"?([\\w]+)\"? does not exist");

  /** The log line operators grep for, as the earlier system wrote it. */
  public String logLine() {
    return "[DB-MISMATCH] " + name + " does not exist. DB migrations not applied.";
  }

  public static Optional<MissingSchemaObject> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg) {
        return from(pg.getSqlState(), pg.getErrorMessage());
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return from(sql.getSQLState(), sql.getMessage());
      }
    }
    return Optional.empty();
  }

  static Optional<MissingSchemaObject> from(String sqlState, String message) {
    if ("42703".equals(sqlState)) {
      Matcher m = COLUMN.matcher(String.valueOf(message));
      String column = m.find() ? m.group(1) : "?";
      return Optional.of(new MissingSchemaObject(qualify(column) + " column"));
    }
    if ("42P01".equals(sqlState)) {
      Matcher m = TABLE.matcher(String.valueOf(message));
      return Optional.of(new MissingSchemaObject((m.find() ? m.group(1) : "?") + " table"));
    }
    return Optional.empty();
  }

  /** Postgres does not say which table; the contract does when only one table has that column. */
  private static String qualify(String column) {
    List<String> tables =
        ProductSchema.CONTRACT.tables().stream()
            .filter(
                t -> t.columns().stream().map(SchemaContract.Column::name).anyMatch(column::equals))
            .map(SchemaContract.Table::name)
            .toList();
    return tables.size() == 1 ? tables.get(0) + "." + column : column;
  }
}
