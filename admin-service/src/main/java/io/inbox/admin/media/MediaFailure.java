package io.inbox.admin.media;

/** Why a file cannot be served, with the HTTP status that says it. */
final class MediaFailure extends RuntimeException {

  final int status;

  MediaFailure(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }
}
