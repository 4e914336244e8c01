package io.inbox.domain.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateParametersTest {

  @Test
  void contactFieldsAreResolvedAndLiteralsKeptInOrder() {
    assertEquals(
        List.of("Ada", "order 42", "+260777700001"),
        TemplateParameters.resolve(
            List.of("contact.name", "order 42", "contact.phone"), "Ada", "+260777700001"));
  }

  @Test
  void aMissingContactNameIsRefusedNotSentEmpty() {
    TemplateParameters.MissingValue missing =
        assertThrows(
            TemplateParameters.MissingValue.class,
            () -> TemplateParameters.resolve(List.of("contact.name"), " ", "+260777700001"));
    assertEquals(
        "the contact has no value for template parameter contact.name", missing.getMessage());
  }

  @Test
  void onlyKnownContactFieldsAndNonBlankLiteralsAreValid() {
    assertTrue(TemplateParameters.valid("contact.name"));
    assertTrue(TemplateParameters.valid("contact.phone"));
    assertTrue(TemplateParameters.valid("Summer sale"));
    assertFalse(TemplateParameters.valid("contact.email"));
    assertFalse(TemplateParameters.valid(" "));
    assertFalse(TemplateParameters.valid(null));
  }
}
