package io.inbox.domain.channel;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A channel's access token, found by the reference stored on the Channel row (the database never
 * holds a token). A mounted Kubernetes Secret directory ({@code WHATSAPP_TOKEN_DIR}, one file per
 * reference) is read on every lookup, so a rotated Secret takes effect without a restart; otherwise
 * the environment variable of that name ({@code WHATSAPP_TOKEN}, {@code WHATSAPP_TOKEN_SALES}…).
 */
@ApplicationScoped
public class ChannelTokens {

  private final Config config;
  private final Optional<Path> tokenDir;

  ChannelTokens(
      Config config, @ConfigProperty(name = "whatsapp.token-dir") Optional<Path> tokenDir) {
    this.config = config;
    this.tokenDir = tokenDir;
  }

  /** Empty when neither the Secret file nor the variable holds a non-blank value. */
  public Optional<String> token(String tokenRef) {
    return fromDirectory(tokenRef)
        .or(() -> config.getOptionalValue(tokenRef, String.class))
        .map(String::strip)
        .filter(token -> !token.isEmpty());
  }

  /**
   * A short, one-way mark of a token: enough to see that the token changed since Meta refused it,
   * useless to anyone reading the database.
   */
  public static String fingerprint(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private Optional<String> fromDirectory(String tokenRef) {
    if (tokenDir.isEmpty() || !tokenRef.matches("[A-Za-z0-9_.-]+")) {
      return Optional.empty();
    }
    Path file = tokenDir.get().resolve(tokenRef);
    try {
      return Files.isReadable(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
