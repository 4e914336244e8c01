package io.inbox.admin.media;

import io.inbox.domain.channel.ChannelTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.file.AsyncFile;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Fetches a message's file from the Cloud API with its channel's token: the lookup by media id
 * (url, mime type, sha256, size), then the download, written to a temporary file as it arrives
 * (never whole in memory), counted against the size limit and hashed on the way. Only a file whose
 * SHA-256 matches is handed out; everything runs on the event loop without blocking it.
 */
@ApplicationScoped
public class MediaDownloader {

  private final Vertx vertx;
  private final HttpClient http;
  private final Pool pool;
  private final ChannelTokens tokens;
  private final MediaSettings settings;

  public MediaDownloader(Vertx vertx, Pool pool, ChannelTokens tokens, MediaSettings settings) {
    this.vertx = vertx;
    this.http = vertx.createHttpClient();
    this.pool = pool;
    this.tokens = tokens;
    this.settings = settings;
  }

  @PreDestroy
  void close() {
    http.closeAndAwait();
  }

  /** What the lookup answered. */
  private record Lookup(String url, String mimeType, String sha256, long fileSize) {}

  /** The verified file; fails with {@link MediaFailure} saying which status fits. */
  public Uni<MediaFile> fetch(long messageId) {
    return pool.preparedQuery(MediaSql.MEDIA_OF_MESSAGE)
        .execute(Tuple.of(messageId))
        .flatMap(
            rows -> {
              if (rows.size() == 0) {
                throw new MediaFailure(404, "Message " + messageId + " not found");
              }
              Row row = rows.iterator().next();
              String mediaId = row.getString("mediaId");
              if (mediaId == null) {
                throw new MediaFailure(404, "Message " + messageId + " has no media");
              }
              String token = token(row.getString("tokenRef"));
              return lookup(mediaId, token)
                  .flatMap(
                      meta ->
                          download(meta, token)
                              .map(
                                  file ->
                                      verified(
                                          file,
                                          row.getString("sha256"),
                                          meta,
                                          row.getString("mimeType"),
                                          row.getString("filename"))));
            });
  }

  private String token(String tokenRef) {
    return tokens
        .token(tokenRef)
        .orElseThrow(
            () ->
                new MediaFailure(
                    503,
                    "No WhatsApp token for this channel: set "
                        + tokenRef
                        + " (environment or WHATSAPP_TOKEN_DIR)"));
  }

  private Uni<Lookup> lookup(String mediaId, String token) {
    String uri =
        settings.apiBaseUrl()
            + "/"
            + settings.apiVersion()
            + "/"
            + URLEncoder.encode(mediaId, StandardCharsets.UTF_8);
    return http.request(get(uri, token))
        .flatMap(HttpClientRequest::send)
        .flatMap(response -> response.body().map(body -> lookup(response.statusCode(), body)))
        .onFailure(failure -> !(failure instanceof MediaFailure))
        .transform(failure -> new MediaFailure(502, "Meta's media lookup failed: " + failure));
  }

  private Lookup lookup(int status, Buffer body) {
    if (status == 404 || status == 400) {
      // Meta answers an unknown or expired media id with 400 (code 100) or 404.
      throw new MediaFailure(404, "Meta has no such media (expired or deleted): HTTP " + status);
    }
    if (status != 200) {
      throw new MediaFailure(502, "Meta's media lookup answered HTTP " + status);
    }
    JsonObject json = new JsonObject(body.getDelegate());
    String url = json.getString("url");
    if (url == null || url.isBlank()) {
      throw new MediaFailure(502, "Meta's media lookup named no url");
    }
    // Documented as a number, sent as a string too.
    long size = Long.parseLong(String.valueOf(json.getValue("file_size", "0")));
    if (size > settings.maxBytes()) {
      throw new MediaFailure(413, tooBig(size));
    }
    return new Lookup(url, json.getString("mime_type"), json.getString("sha256"), size);
  }

  private Uni<MediaFile> download(Lookup meta, String token) {
    return vertx
        .fileSystem()
        .createTempFile("inbox-media-", ".part")
        .flatMap(
            path ->
                vertx
                    .fileSystem()
                    .open(path, new OpenOptions().setWrite(true).setTruncateExisting(true))
                    .flatMap(
                        file -> http.request(get(meta.url(), token)).flatMap(r -> save(r, file)))
                    .map(
                        digested ->
                            new MediaFile(path, digested.size(), null, null, digested.sha()))
                    .onFailure()
                    .call(() -> vertx.fileSystem().delete(path).onFailure().recoverWithNull()))
        .onFailure(failure -> !(failure instanceof MediaFailure))
        .transform(
            failure -> new MediaFailure(502, "Downloading the file from Meta failed: " + failure));
  }

  /** Bytes written and their SHA-256. */
  private record Digested(long size, byte[] sha) {}

  private Uni<Digested> save(HttpClientRequest request, AsyncFile file) {
    MessageDigest sha = sha256();
    long[] size = {0};
    return request
        .send()
        .flatMap(
            response -> {
              check(response);
              return response
                  .toMulti()
                  .onItem()
                  .transformToUniAndConcatenate(
                      chunk -> {
                        size[0] += chunk.length();
                        if (size[0] > settings.maxBytes()) {
                          throw new MediaFailure(413, tooBig(size[0]));
                        }
                        sha.update(chunk.getBytes());
                        return file.write(chunk);
                      })
                  .onItem()
                  .ignoreAsUni();
            })
        // A refused or broken download must not hold the connection with unread bytes.
        .onFailure()
        .invoke(() -> request.reset())
        .eventually(file::close)
        .map(done -> new Digested(size[0], sha.digest()));
  }

  private void check(HttpClientResponse response) {
    if (response.statusCode() != 200) {
      throw new MediaFailure(502, "Meta's media download answered HTTP " + response.statusCode());
    }
    String length = response.getHeader("Content-Length");
    if (length != null
        && length.matches("\\d{1,18}")
        && Long.parseLong(length) > settings.maxBytes()) {
      throw new MediaFailure(413, tooBig(Long.parseLong(length)));
    }
  }

  /** The stored SHA-256 (the webhook's) is what must match; Meta's lookup stands in without one. */
  private MediaFile verified(
      MediaFile file, String stored, Lookup meta, String storedMime, String filename) {
    String expected = stored != null ? stored : meta.sha256();
    if (expected == null || !MediaDigest.matches(expected, file.sha())) {
      vertx.fileSystem().deleteAndForget(file.path());
      throw new MediaFailure(
          502,
          "The file from Meta does not match its SHA-256"
              + (expected == null ? " (none known)" : "")
              + ": not served");
    }
    String mime = meta.mimeType() != null ? meta.mimeType() : storedMime;
    return new MediaFile(file.path(), file.size(), mime, filename, file.sha());
  }

  private String tooBig(long size) {
    return "The file is "
        + size
        + " bytes; the limit is "
        + settings.maxBytes()
        + " (admin.media.max-bytes)";
  }

  private RequestOptions get(String uri, String token) {
    return new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(uri)
        .putHeader("Authorization", "Bearer " + token)
        .setTimeout(settings.timeout().toMillis());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
