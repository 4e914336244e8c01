package io.inbox.webhook.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StorableTextTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void textPostgresTakesIsReturnedAsItIs() {
    String text = "olá 👍 \uD83D\uDE00 end";
    assertSame(text, StorableText.of(text));
    assertSame("", StorableText.of(""));
  }

  @Test
  void nulAndUnpairedSurrogatesBecomeTheReplacementCharacter() {
    assertEquals("a\uFFFDb", StorableText.of("a\u0000b"));
    assertEquals("\uFFFD", StorableText.of("\u0000"));
    assertEquals("a\uFFFDb", StorableText.of("a\uD83Db"), "a high surrogate alone");
    assertEquals("a\uFFFDb", StorableText.of("a\uDE00b"), "a low surrogate alone");
    assertEquals("x\uFFFD", StorableText.of("x\uD83D"), "a high surrogate at the end");
    assertEquals("\uFFFD\uFFFD", StorableText.of("\uDE00\uD83D"), "low before high is no pair");
  }

  @Test
  void pairsAfterTheFirstReplacementAreKeptWhole() {
    assertEquals("\uFFFD\uD83D\uDE00\uFFFDz", StorableText.of("\u0000\uD83D\uDE00\uDE00z"));
    assertEquals("\uD83D\uDE00\uFFFD", StorableText.of("\uD83D\uDE00\u0000"));
    assertEquals(
        "\uD83D\uDE00\uFFFD\uD83D\uDE00", StorableText.of("\uD83D\uDE00\uDE00\uD83D\uDE00"));
  }

  @Test
  void aStorableTreeIsTheSameInstance() throws Exception {
    JsonNode tree = JSON.readTree("{\"a\":[\"x\",1,{\"b\":\"👍\"}],\"n\":null,\"t\":true}");
    assertSame(tree, StorableText.of(tree));
  }

  @Test
  void everyStringAndFieldNameInATreeIsMadeStorable() throws Exception {
    assertEquals(
        JSON.readTree("{\"a\":[\"x\uFFFD\",1,{\"b\uFFFD\":\"ok\"}],\"n\":null,\"t\":true}"),
        StorableText.of(
            JSON.readTree("{\"a\":[\"x\\u0000\",1,{\"b\\ud83d\":\"ok\"}],\"n\":null,\"t\":true}")));
    assertEquals(
        JSON.readTree("{\"k\uFFFD\":1}"), StorableText.of(JSON.readTree("{\"k\\u0000\":1}")));
    assertEquals(
        JSON.readTree("[[\"\uFFFD\"],2]"), StorableText.of(JSON.readTree("[[\"\\udc00\"],2]")));
    assertEquals(JSON.readTree("\"\uFFFD\""), StorableText.of(JSON.readTree("\"\\u0000\"")));
  }

  @Test
  void onlyTheUnstorablePartOfATreeIsRebuilt() throws Exception {
    JsonNode tree = JSON.readTree("{\"good\":{\"x\":\"y\"},\"bad\":\"\\u0000\",\"num\":7}");
    JsonNode clean = StorableText.of(tree);
    assertEquals(JSON.readTree("{\"good\":{\"x\":\"y\"},\"bad\":\"\uFFFD\",\"num\":7}"), clean);
    assertSame(tree.get("num"), clean.get("num"), "numbers are shared, not copied");
  }
}
