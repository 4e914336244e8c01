package io.inbox.admin.channel;

import io.inbox.admin.web.Params;
import io.inbox.domain.channel.ChannelResume;
import io.inbox.domain.channel.ChannelTokens;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * The business numbers (channels): list, read, add, change, delete. Whether a channel's token is
 * configured is looked up where the token lives (environment or mounted Secret, {@link
 * ChannelTokens}), off the event loop: a Secret is a file.
 */
@ApplicationScoped
public class Channels {

  static final String IN_USE =
      "The channel has conversations and cannot be deleted; set active false to stop it";

  private final Pool pool;
  private final ChannelTokens tokens;

  public Channels(Pool pool, ChannelTokens tokens) {
    this.pool = pool;
    this.tokens = tokens;
  }

  public Uni<List<ChannelView>> list() {
    return pool.preparedQuery(ChannelSql.LIST)
        .execute()
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).toList())
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(rows -> rows.stream().map(this::view).toList());
  }

  /** 404 when there is no such channel. */
  public Uni<ChannelView> get(long id) {
    return pool.preparedQuery(ChannelSql.FIND).execute(Tuple.of(id)).flatMap(rows -> one(id, rows));
  }

  public Uni<ChannelView> create(ChannelFields fields, String actor) {
    fields.requireForCreate();
    Tuple values =
        Tuple.from(
            new Object[] {
              fields.name(),
              fields.phoneNumberId(),
              fields.displayNumber(),
              fields.wabaId(),
              fields.tokenRef(),
              fields.active() == null || fields.active(),
              fields.messagesPerSecond() == null ? 80 : fields.messagesPerSecond()
            });
    return pool.preparedQuery(ChannelSql.INSERT)
        .execute(values)
        .onFailure(PgException.class)
        .transform(Channels::conflict)
        .flatMap(rows -> one(0, rows))
        .invoke(
            channel ->
                Log.infof(
                    "📞 [ADMIN] Channel %d (%s, number %s) added by %s",
                    channel.id(), channel.name(), channel.phoneNumberId(), actor));
  }

  /** Changes the fields the PATCH names; 404 when there is no such channel. */
  public Uni<ChannelView> update(long id, ChannelFields fields, String actor) {
    return pool.withTransaction(
            c ->
                c.preparedQuery(ChannelSql.FIND_FOR_UPDATE)
                    .execute(Tuple.of(id))
                    .flatMap(rows -> apply(c, id, rows, fields)))
        .onFailure(PgException.class)
        .transform(Channels::conflict)
        .flatMap(rows -> one(id, rows))
        .invoke(
            channel ->
                Log.infof(
                    "📞 [ADMIN] Channel %d (%s) changed by %s: %s",
                    id, channel.name(), actor, String.join(", ", fields.present())));
  }

  /**
   * Resumes a paused channel (a person mended what Meta refused: an unlocked account, a restored
   * permission) and releases its held replies; a channel that is not paused is left as it is. 404
   * when there is none.
   */
  public Uni<ChannelView> resume(long id, String actor) {
    return pool.preparedQuery(ChannelResume.SQL)
        .execute(Tuple.of(id, "Resumed by " + actor))
        .invoke(
            rows -> {
              Row outcome = rows.iterator().next();
              if (outcome.getLong("resumed") == 1) {
                Log.infof(
                    "▶️ [ADMIN] Channel %d resumed by %s: %d held replies due now",
                    id, actor, outcome.getLong("released"));
              }
            })
        .flatMap(resumed -> get(id));
  }

  /** 204 for an unused channel; 404 when there is none; 409 for the default or one in use. */
  public Uni<Void> delete(long id, String actor) {
    return pool.preparedQuery(ChannelSql.DELETE)
        .execute(Tuple.of(id))
        .onFailure(PgException.class)
        .transform(Channels::conflict)
        .map(
            rows -> {
              Row outcome = rows.iterator().next();
              if (!outcome.getBoolean("found")) {
                throw Params.notFound("Channel " + id + " not found");
              }
              if (outcome.getBoolean("isDefault")) {
                throw Params.status(
                    Response.Status.CONFLICT,
                    Map.of(
                        "error",
                        "The default channel (WHATSAPP_PHONE_NUMBER_ID / WHATSAPP_TOKEN) cannot be"
                            + " deleted; set active false to stop it"));
              }
              if (!outcome.getBoolean("deleted")) {
                throw inUse();
              }
              Log.infof("📞 [ADMIN] Channel %d deleted by %s", id, actor);
              return null;
            });
  }

  private Uni<RowSet<Row>> apply(SqlConnection c, long id, RowSet<Row> rows, ChannelFields f) {
    if (rows.size() == 0) {
      return Uni.createFrom().item(rows);
    }
    Row row = rows.iterator().next();
    String phoneNumberId = pick(f, "phoneNumberId", f.phoneNumberId(), row, "phoneNumberId");
    if (phoneNumberId == null && !row.getBoolean("isDefault")) {
      throw Params.badRequest(
          "phoneNumberId", "phoneNumberId is required: only the default channel has none");
    }
    List<Object> values = new ArrayList<>();
    values.add(id);
    values.add(pick(f, "name", f.name(), row, "name"));
    values.add(phoneNumberId);
    values.add(pick(f, "displayNumber", f.displayNumber(), row, "displayNumber"));
    values.add(pick(f, "wabaId", f.wabaId(), row, "wabaId"));
    values.add(pick(f, "tokenRef", f.tokenRef(), row, "tokenRef"));
    values.add(f.active() != null ? f.active() : row.getBoolean("active"));
    values.add(
        f.messagesPerSecond() != null
            ? f.messagesPerSecond()
            : row.getInteger("messagesPerSecond"));
    return c.preparedQuery(ChannelSql.UPDATE).execute(Tuple.from(values));
  }

  /**
   * The PATCH's value when it names the field (null clears it; name and tokenRef never parse as
   * null), else the row's.
   */
  private static String pick(ChannelFields f, String field, String value, Row row, String column) {
    return f.present().contains(field) ? value : row.getString(column);
  }

  private Uni<ChannelView> one(long id, RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Uni.createFrom().failure(Params.notFound("Channel " + id + " not found"));
    }
    Row row = rows.iterator().next();
    return Uni.createFrom().item(row).emitOn(Infrastructure.getDefaultWorkerPool()).map(this::view);
  }

  private ChannelView view(Row row) {
    return ChannelView.of(row, tokens.token(row.getString("tokenRef")).isPresent());
  }

  private static RuntimeException inUse() {
    return Params.status(Response.Status.CONFLICT, Map.of("error", IN_USE));
  }

  /** A unique index or foreign key the write ran into, as the 409 the client can act on. */
  private static Throwable conflict(Throwable failure) {
    PgException e = (PgException) failure;
    String constraint = e.getConstraint() == null ? "" : e.getConstraint();
    return switch (constraint) {
      case "Channel_name_key" ->
          Params.status(
              Response.Status.CONFLICT,
              Map.of("error", "Another channel has this name", "field", "name"));
      case "Channel_phoneNumberId_key" ->
          Params.status(
              Response.Status.CONFLICT,
              Map.of("error", "Another channel has this phoneNumberId", "field", "phoneNumberId"));
      case "Conversation_channelId_fkey" -> inUse();
      default -> failure;
    };
  }
}
