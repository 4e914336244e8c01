package io.inbox.admin.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inbox.admin.web.Params;
import io.inbox.domain.channel.TemplateParameters;
import io.inbox.domain.queue.JobEnqueueSql;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Templates agents send, queued for the runner through the outbound ledger like a reply: the
 * template is found on the conversation's channel and filled from its contact, then one statement
 * ({@link JobEnqueueSql#ENQUEUE_TEMPLATE}) writes the PENDING Message and its TEMPLATE job.
 */
@ApplicationScoped
public class TemplateSends {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Pool pool;

  public TemplateSends(Pool pool) {
    this.pool = pool;
  }

  /**
   * Queues the template, or finds what an earlier request with the same clientMessageId queued.
   * 404: no such conversation (or deleted), or no such template on its channel; 409: a parameter
   * the contact has no value for, or the clientMessageId belongs to another message.
   */
  public Uni<TemplateSend> send(long conversationId, TemplateSendRequest request, String author) {
    Tuple lookup =
        Tuple.from(
            Arrays.asList(
                conversationId, request.templateId(), request.name(), request.language()));
    return pool.preparedQuery(TemplateSendSql.CONVERSATION_AND_TEMPLATE)
        .execute(lookup)
        .flatMap(rows -> enqueue(conversationId, request, author, found(conversationId, rows)));
  }

  private static Row found(long conversationId, RowSet<Row> rows) {
    if (rows.size() == 0) {
      throw Params.notFound("Conversation " + conversationId + " not found");
    }
    Row row = rows.iterator().next();
    if (row.getInteger("templateId") == null) {
      throw Params.notFound("No such template on this conversation's channel");
    }
    return row;
  }

  private Uni<TemplateSend> enqueue(
      long conversationId, TemplateSendRequest request, String author, Row found) {
    List<String> values;
    try {
      values =
          TemplateParameters.resolve(
              parameters(found.getString("parameters")),
              found.getString("contactName"),
              found.getString("phone"));
    } catch (TemplateParameters.MissingValue e) {
      throw Params.status(
          Response.Status.CONFLICT, Map.of("error", e.getMessage(), "field", "parameters"));
    }
    TemplateSend.Template template =
        new TemplateSend.Template(found.getString("name"), found.getString("language"), values);
    String body = "[template " + template.name() + " (" + template.language() + ")]";
    Tuple write =
        Tuple.of(
            conversationId,
            request.clientMessageId(),
            body,
            author,
            TemplateSend.detailsJson(template));
    return pool.preparedQuery(JobEnqueueSql.ENQUEUE_TEMPLATE)
        .execute(write)
        .map(rows -> rows.iterator().next())
        .flatMap(
            outcome ->
                pool.preparedQuery(TemplateSendSql.SENT_BY_CLIENT_ID)
                    .execute(Tuple.of(request.clientMessageId()))
                    .map(existing -> judge(conversationId, body, request, outcome, existing)));
  }

  /**
   * As an agent reply's: the row by clientMessageId is this request's, an earlier identical one's,
   * a concurrent twin's, or another message's that shares the id.
   */
  private static TemplateSend judge(
      long conversationId,
      String body,
      TemplateSendRequest request,
      Row outcome,
      RowSet<Row> existing) {
    if (existing.size() > 0) {
      Row row = existing.iterator().next();
      boolean same =
          row.getLong("conversationId") == conversationId
              && "template".equals(row.getString("type"))
              && body.equals(row.getString("body"));
      if (!same) {
        throw Params.status(
            Response.Status.CONFLICT,
            Map.of(
                "error",
                "clientMessageId already used for another message",
                "field",
                "clientMessageId"));
      }
      TemplateSend sent = TemplateSend.of(row, request.clientMessageId());
      if (outcome.getLong("messageId") != null) {
        Log.infof(
            "✉️ [TEMPLATE] conversation %d: %s queued as message %d by %s (%d job)",
            conversationId, body, sent.id(), sent.author(), outcome.getLong("jobsQueued"));
      }
      return sent;
    }
    if (!outcome.getBoolean("conversationFound")) {
      throw Params.notFound("Conversation " + conversationId + " not found");
    }
    throw Params.status(
        Response.Status.CONFLICT,
        Map.of(
            "error",
            "clientMessageId was held by another request that did not finish; send it again",
            "field",
            "clientMessageId"));
  }

  private static List<String> parameters(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Template.parameters is not an array of texts: " + json, e);
    }
  }
}
