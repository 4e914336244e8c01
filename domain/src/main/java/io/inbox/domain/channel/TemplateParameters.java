package io.inbox.domain.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What fills a template's {{1}}, {{2}}…: each configured parameter is a contact field ({@code
 * contact.name}, {@code contact.phone}) or a literal text. Resolved when the send is queued, so the
 * Message row shows (and the runner sends) exactly the values the customer gets.
 */
public final class TemplateParameters {

  public static final Set<String> CONTACT_FIELDS = Set.of("contact.name", "contact.phone");

  private static final String CONTACT_PREFIX = "contact.";

  /** Thrown when the contact lacks a field a parameter needs (Meta refuses an empty one). */
  public static final class MissingValue extends RuntimeException {
    public MissingValue(String parameter) {
      super("the contact has no value for template parameter " + parameter);
    }
  }

  private TemplateParameters() {}

  /** Whether {@code parameter} can be configured: a known contact field or any other text. */
  public static boolean valid(String parameter) {
    return parameter != null
        && !parameter.isBlank()
        && (!parameter.startsWith(CONTACT_PREFIX) || CONTACT_FIELDS.contains(parameter));
  }

  public static List<String> resolve(List<String> parameters, String contactName, String phone) {
    List<String> values = new ArrayList<>(parameters.size());
    for (String parameter : parameters) {
      String value =
          switch (parameter) {
            case "contact.name" -> contactName;
            case "contact.phone" -> phone;
            default -> parameter;
          };
      if (value == null || value.isBlank()) {
        throw new MissingValue(parameter);
      }
      values.add(value);
    }
    return List.copyOf(values);
  }
}
