package io.inbox.runner.channel;

/**
 * The template a channel sends instead of an automatic reply once the customer's 24-hour window has
 * closed; {@code parametersJson}: Template.parameters, what fills {{1}}, {{2}}….
 */
public record ReengagementTemplate(String name, String language, String parametersJson) {}
