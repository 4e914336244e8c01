package io.inbox.domain.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PhoneMaskTest {

  @Test
  void keepsOnlyTheLastFourDigitsAndThePlus() {
    assertEquals("+*******1059", PhoneMask.mask("+55119991059"));
    assertEquals("*******1059", PhoneMask.mask("55119991059"));
  }

  @Test
  void shortNumbersAreNotPaddedAndNeverLoseTheirDigits() {
    assertEquals("*1234", PhoneMask.mask("51234"));
    assertEquals("1234", PhoneMask.mask("1234"));
    assertEquals("12", PhoneMask.mask("12"));
    assertEquals("+1234", PhoneMask.mask("+1234"));
    assertEquals("+*2345", PhoneMask.mask("+12345"));
  }

  @Test
  void noNumberIsAQuestionMark() {
    assertEquals("?", PhoneMask.mask(null));
    assertEquals("?", PhoneMask.mask(""));
  }
}
