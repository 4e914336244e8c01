package io.inbox.admin.media;

/**
 * A downloaded file in a temporary file: its size, its SHA-256, and how to name it to the client.
 */
record MediaFile(String path, long size, String mimeType, String filename, byte[] sha) {}
