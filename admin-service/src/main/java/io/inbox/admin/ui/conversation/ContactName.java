package io.inbox.admin.ui.conversation;

import io.inbox.admin.conversation.ConversationViews.Summary;
import io.inbox.admin.ui.web.UiMessages;

/** How a page names the customer: the WhatsApp profile name, when there is one. */
final class ContactName {

  private ContactName() {}

  static String of(Summary conversation, UiMessages msg) {
    String name = conversation.contact().name();
    return name == null || name.isBlank() ? msg.unknownContact() : name;
  }
}
