package io.inbox.admin.ui.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Every string the inbox UI shows, in one place ({@code msg:} in templates). */
@MessageBundle("msg")
public interface UiMessages {

  @Message("Inbox")
  String app();

  @Message("Skip to content")
  String skipToContent();

  @Message("Main")
  String navLabel();

  @Message("Conversations")
  String navConversations();

  @Message("Notifications")
  String navNotifications();

  @Message("Tasks")
  String navTasks();

  @Message("Operations")
  String navOperations();

  @Message("Signed in as")
  String signedInAs();

  @Message("Sign out")
  String signOut();

  @Message("Sign in")
  String signIn();

  @Message("Admin token")
  String tokenLabel();

  @Message("Your name")
  String agentLabel();

  @Message("Customers see replies as the business; your name is recorded with what you do.")
  String agentHint();

  @Message("The admin token is not right.")
  String tokenWrong();

  @Message("Enter your name: 1 to {max} printable characters.")
  String agentInvalid(int max);

  @Message("Search by name, phone or message text")
  String searchLabel();

  @Message("Filters")
  String filters();

  @Message("Unread only")
  String filterUnread();

  @Message("HUMAN only")
  String filterHuman();

  @Message("Assigned to me")
  String filterMine();

  @Message("Search")
  String searchButton();

  @Message("No conversation matches.")
  String noConversations();

  @Message("{count} unread")
  String unread(long count);

  @Message("BOT")
  String badgeBot();

  @Message("HUMAN")
  String badgeHuman();

  @Message("No messages yet")
  String noMessages();

  @Message("Newer")
  String newerPage();

  @Message("Older")
  String olderPage();

  @Message("Updates appear here as they arrive.")
  String liveHint();

  @Message("Conversation with {name}")
  String threadTitle(String name);

  @Message("Unknown contact")
  String unknownContact();

  @Message("Load older messages")
  String loadOlder();

  @Message("Show the newest messages")
  String loadNewest();

  @Message("Customer")
  String fromCustomer();

  @Message("Bot")
  String fromBot();

  @Message("Agent {name}")
  String fromAgent(String name);

  @Message("Sending…")
  String statusPending();

  @Message("✓ Sent")
  String statusSent();

  @Message("✓✓ Delivered")
  String statusDelivered();

  @Message("✓✓ Read")
  String statusRead();

  @Message("✗ Failed:")
  String statusFailed();

  @Message("no reason given")
  String noReason();

  @Message("Your reply")
  String replyLabel();

  @Message("Send")
  String sendButton();

  @Message("Write a reply of 1 to {max} characters.")
  String replyInvalid(int max);

  @Message(
      "Replies are closed: WhatsApp allows them only within 24 hours of the customer's last"
          + " message.")
  String windowClosed();

  @Message("The bot answers this conversation.")
  String botAnswers();

  @Message("{agent} answers this conversation.")
  String humanAnswers(String agent);

  @Message("Take over")
  String takeOver();

  @Message("Hand back to the bot")
  String handBack();

  @Message("Delete conversation")
  String deleteLink();

  @Message("Delete the conversation with {name}?")
  String deleteTitle(String name);

  @Message("It disappears from the inbox and its queued replies are cancelled. You can restore it.")
  String deleteText();

  @Message("Delete")
  String deleteButton();

  @Message("Cancel")
  String cancel();

  @Message("This conversation is deleted.")
  String deletedNotice();

  @Message("Restore")
  String restoreButton();

  @Message("Notifications")
  String notificationsTitle();

  @Message("Nothing needs you now.")
  String noNotifications();

  @Message("Mark read")
  String markRead();

  @Message("Read")
  String isRead();

  @Message("Snooze until")
  String snoozeLegend();

  @Message("1 hour")
  String snoozeHour();

  @Message("Tomorrow 9:00")
  String snoozeTomorrow();

  @Message("At a time")
  String snoozeAt();

  @Message("Time ({zone})")
  String snoozeTime(String zone);

  @Message("Snooze")
  String snoozeButton();

  @Message("Choose a time in the future (YYYY-MM-DDTHH:MM).")
  String snoozeTimeInvalid();

  @Message("Open the conversation")
  String openConversation();

  @Message("Tasks")
  String tasksTitle();

  @Message("No open tasks.")
  String noTasks();

  @Message("Assign to me")
  String assignToMe();

  @Message("Complete")
  String complete();

  @Message("Assigned to {agent}")
  String assignedTo(String agent);

  @Message("Nobody assigned")
  String unassigned();

  @Message("Operations")
  String operationsTitle();

  @Message("Database schema")
  String schemaTitle();

  @Message("The outbound queue")
  String queueTitle();

  @Message("Queued replies")
  String queueDepth();

  @Message("Oldest due reply waiting")
  String oldestDue();

  @Message("none")
  String none();

  @Message("{minutes} min")
  String minutes(long minutes);

  @Message("Business numbers")
  String channelsTitle();

  @Message("Number")
  String channelColumn();

  @Message("Sending")
  String sendingColumn();

  @Message("sending")
  String channelSending();

  @Message("paused since")
  String channelPausedSince();

  @Message("inactive")
  String channelInactive();

  @Message("Failed jobs")
  String failedJobs();

  @Message("No failed jobs.")
  String noFailedJobs();

  @Message("Job")
  String jobColumn();

  @Message("Conversation")
  String conversationColumn();

  @Message("Attempts")
  String attemptsColumn();

  @Message("Last error")
  String errorColumn();

  @Message("Updated")
  String updatedColumn();

  @Message("Retry")
  String retry();

  @Message("Not found")
  String notFoundTitle();

  @Message("There is no such page, conversation, task or notification (or it was deleted).")
  String notFoundText();

  @Message("Something went wrong")
  String errorTitle();

  @Message("The page could not be shown. Try again; if it keeps failing, tell an operator.")
  String errorText();

  @Message("That cannot be done now: {reason}")
  String conflictText(String reason);

  @Message("Back to the inbox")
  String backToInbox();
}
