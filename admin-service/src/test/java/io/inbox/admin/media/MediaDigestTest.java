package io.inbox.admin.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MediaDigestTest {

  @Test
  void metasBase64AndHexBothMatchTheBytesAndNothingElseDoes() throws Exception {
    byte[] sha = MessageDigest.getInstance("SHA-256").digest("file".getBytes());
    byte[] other = MessageDigest.getInstance("SHA-256").digest("fil3".getBytes());
    String base64 = Base64.getEncoder().encodeToString(sha);
    String hex = HexFormat.of().formatHex(sha);
    record Row(String expected, boolean matches) {}
    for (Row row :
        new Row[] {
          new Row(base64, true),
          new Row(" " + base64 + "\n", true),
          new Row(Base64.getUrlEncoder().encodeToString(sha), true),
          new Row(hex, true),
          new Row(hex.toUpperCase(), true),
          new Row(Base64.getEncoder().encodeToString(other), false),
          new Row(HexFormat.of().formatHex(other), false),
          new Row(hex.substring(2), false),
          new Row(Base64.getEncoder().encodeToString("short".getBytes()), false),
          new Row("not a digest!", false),
          new Row("", false)
        }) {
      assertEquals(row.matches(), MediaDigest.matches(row.expected(), sha), row.toString());
    }
  }
}
