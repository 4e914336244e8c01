package io.inbox.runner.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardRailsTest {

  @Test
  void everyDocumentedTypeHasItsKindAndOnlySilentOnesGetNoReply() {
    Map<String, InboundKind> kinds =
        Map.ofEntries(
            Map.entry("text", InboundKind.READABLE),
            Map.entry("button", InboundKind.READABLE),
            Map.entry("interactive", InboundKind.READABLE),
            Map.entry("location", InboundKind.READABLE),
            Map.entry("contacts", InboundKind.READABLE),
            Map.entry("image", InboundKind.MEDIA),
            Map.entry("video", InboundKind.MEDIA),
            Map.entry("audio", InboundKind.MEDIA),
            Map.entry("document", InboundKind.MEDIA),
            Map.entry("sticker", InboundKind.SILENT),
            Map.entry("reaction", InboundKind.SILENT),
            Map.entry("system", InboundKind.SILENT),
            Map.entry("unsupported", InboundKind.SILENT),
            Map.entry("order", InboundKind.SILENT));
    kinds.forEach(
        (type, kind) -> {
          assertEquals(kind, InboundKind.of(type), type);
          assertEquals(kind != InboundKind.SILENT, GuardRails.answers(type), type);
        });
    assertEquals(InboundKind.SILENT, InboundKind.of(null));
    assertFalse(GuardRails.answers(null));
    assertTrue(GuardRails.answers("text"));
  }

  @Test
  void repliesAreCappedAtMetasLimitWithoutSplittingACharacter() {
    assertEquals("short", GuardRails.cap("short"));
    String exact = "a".repeat(4096);
    assertEquals(exact, GuardRails.cap(exact));
    assertEquals(exact, GuardRails.cap(exact + "b"));
    // An emoji is two chars; one straddling the limit is dropped whole.
    String straddling = "a".repeat(4095) + "😀";
    assertEquals("a".repeat(4095), GuardRails.cap(straddling));
    String fitting = "a".repeat(4094) + "😀";
    assertEquals(fitting, GuardRails.cap(fitting + "zz"));
  }
}
