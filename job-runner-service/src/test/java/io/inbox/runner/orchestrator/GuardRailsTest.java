package io.inbox.runner.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GuardRailsTest {

  @Test
  void onlyTextMessagesGetAReply() {
    assertTrue(GuardRails.answers("text"));
    assertFalse(GuardRails.answers("reaction"));
    assertFalse(GuardRails.answers("system"));
    assertFalse(GuardRails.answers(null));
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
