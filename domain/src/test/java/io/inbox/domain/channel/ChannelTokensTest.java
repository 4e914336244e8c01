package io.inbox.domain.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelTokensTest {

  @TempDir Path secrets;

  private static ChannelTokens tokens(Map<String, String> env, Optional<Path> dir) {
    return new ChannelTokens(
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(env, "env", 300))
            .build(),
        dir);
  }

  @Test
  void theVariableNamedByTheReferenceHoldsTheToken() {
    ChannelTokens tokens =
        tokens(Map.of("WHATSAPP_TOKEN_SALES", " sales-token\n"), Optional.empty());

    assertEquals(Optional.of("sales-token"), tokens.token("WHATSAPP_TOKEN_SALES"));
    assertEquals(Optional.empty(), tokens.token("WHATSAPP_TOKEN_SUPPORT"));
  }

  @Test
  void aMountedSecretFileWinsAndIsReadAgainAfterRotation() throws Exception {
    ChannelTokens tokens = tokens(Map.of("WHATSAPP_TOKEN", "from-env"), Optional.of(secrets));
    assertEquals(Optional.of("from-env"), tokens.token("WHATSAPP_TOKEN"));

    Files.writeString(secrets.resolve("WHATSAPP_TOKEN"), "old-token\n");
    assertEquals(Optional.of("old-token"), tokens.token("WHATSAPP_TOKEN"));

    Files.writeString(secrets.resolve("WHATSAPP_TOKEN"), "new-token\n");
    assertEquals(Optional.of("new-token"), tokens.token("WHATSAPP_TOKEN"));
  }

  @Test
  void aBlankTokenIsNoTokenAndAPathInTheReferenceIsNeverFollowed() throws Exception {
    Files.writeString(secrets.resolve("WHATSAPP_TOKEN"), "  \n");
    ChannelTokens tokens = tokens(Map.of(), Optional.of(secrets));

    assertEquals(Optional.empty(), tokens.token("WHATSAPP_TOKEN"));
    assertEquals(Optional.empty(), tokens.token("../WHATSAPP_TOKEN"));
  }

  @Test
  void theFingerprintTellsTokensApartWithoutShowingThem() {
    String fingerprint = ChannelTokens.fingerprint("EAAG-secret-token");

    assertEquals(12, fingerprint.length());
    assertEquals(fingerprint, ChannelTokens.fingerprint("EAAG-secret-token"));
    assertNotEquals(fingerprint, ChannelTokens.fingerprint("EAAG-other-token"));
    assertFalse("EAAG-secret-token".contains(fingerprint));
  }
}
