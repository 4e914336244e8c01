package io.inbox.admin.channel;

import io.inbox.admin.web.Params;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** The message templates configured per channel: list, add, delete. */
@ApplicationScoped
public class Templates {

  private final Pool pool;

  public Templates(Pool pool) {
    this.pool = pool;
  }

  /** 404 when there is no such channel. */
  public Uni<List<TemplateView>> list(long channelId) {
    return pool.preparedQuery(ChannelSql.CHANNEL_EXISTS)
        .execute(Tuple.of(channelId))
        .flatMap(
            found -> {
              if (found.size() == 0) {
                throw channelNotFound(channelId);
              }
              return pool.preparedQuery(ChannelSql.TEMPLATES).execute(Tuple.of(channelId));
            })
        .map(
            rows -> StreamSupport.stream(rows.spliterator(), false).map(TemplateView::of).toList());
  }

  public Uni<TemplateView> create(long channelId, TemplateFields fields, String actor) {
    Tuple values =
        Tuple.of(
            channelId,
            fields.name(),
            fields.language(),
            fields.parametersJson(),
            fields.reengagement());
    return pool.preparedQuery(ChannelSql.INSERT_TEMPLATE)
        .execute(values)
        .onFailure(PgException.class)
        .transform(Templates::conflict)
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw channelNotFound(channelId);
              }
              TemplateView template = TemplateView.of(rows.iterator().next());
              Log.infof(
                  "📝 [ADMIN] Template %d (%s/%s) added to channel %d by %s",
                  template.id(), template.name(), template.language(), channelId, actor);
              return template;
            });
  }

  /** 404 unless the template is this channel's. */
  public Uni<Void> delete(long channelId, long templateId, String actor) {
    return pool.preparedQuery(ChannelSql.DELETE_TEMPLATE)
        .execute(Tuple.of(channelId, templateId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw Params.notFound(
                    "Template " + templateId + " not found on channel " + channelId);
              }
              Log.infof(
                  "📝 [ADMIN] Template %d deleted from channel %d by %s",
                  templateId, channelId, actor);
              return null;
            });
  }

  private static RuntimeException channelNotFound(long channelId) {
    return Params.notFound("Channel " + channelId + " not found");
  }

  private static Throwable conflict(Throwable failure) {
    String constraint = ((PgException) failure).getConstraint();
    if ("Template_channelId_name_language_key".equals(constraint)) {
      return Params.status(
          Response.Status.CONFLICT,
          Map.of("error", "The channel has a template of this name and language", "field", "name"));
    }
    if ("Template_reengagement_key".equals(constraint)) {
      return Params.status(
          Response.Status.CONFLICT,
          Map.of(
              "error",
              "The channel has a reengagement template already; delete it first",
              "field",
              "reengagement"));
    }
    return failure;
  }
}
