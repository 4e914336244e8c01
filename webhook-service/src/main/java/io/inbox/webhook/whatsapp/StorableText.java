package io.inbox.webhook.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Text Postgres will take. Valid JSON can still carry what {@code text} and {@code jsonb} refuse:
 * NUL ({@code \u0000}) and unpaired UTF-16 surrogates. Refusing the body would answer Meta with a
 * 5xx and it would redeliver the same body forever; instead each such character becomes U+FFFD, the
 * replacement character, and the message goes through.
 */
public final class StorableText {

  private static final char REPLACEMENT = '\uFFFD';

  private StorableText() {}

  public static String of(String text) {
    StringBuilder clean = null;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean pairedHigh =
          Character.isHighSurrogate(c)
              && i + 1 < length
              && Character.isLowSurrogate(text.charAt(i + 1));
      boolean refused = c == 0 || (Character.isSurrogate(c) && !pairedHigh);
      if (refused && clean == null) {
        clean = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (clean != null) {
        clean.append(refused ? REPLACEMENT : c);
        if (pairedHigh) {
          clean.append(text.charAt(++i));
        }
      } else if (pairedHigh) {
        i++;
      }
    }
    return clean == null ? text : clean.toString();
  }

  /**
   * The tree with every string and field name made storable: the same instance when nothing needs
   * replacing (the usual case, so the usual body is neither copied nor serialised again).
   */
  public static JsonNode of(JsonNode node) {
    return storable(node) ? node : copy(node);
  }

  private static boolean storable(JsonNode node) {
    if (node.isTextual()) {
      return of(node.textValue()) == node.textValue();
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (of(field.getKey()) != field.getKey() || !storable(field.getValue())) {
        return false;
      }
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (!storable(element)) {
          return false;
        }
      }
    }
    return true;
  }

  private static JsonNode copy(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(of(node.textValue()));
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
      node.forEach(element -> copy.add(copy(element)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        copy.set(of(field.getKey()), copy(field.getValue()));
      }
      return copy;
    }
    return node;
  }
}
