package io.inbox.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inbox.reliability.Meta;
import io.inbox.reliability.Stack;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An agent's day in a real browser, against the packaged guard, webhook, runner and admin service
 * on the local Postgres with a stand-in Cloud API: sign in, a customer writes and the conversation
 * appears without a reload, open it, take over, reply (PENDING until the runner has sent it, then
 * SENT), hand back, snooze a notification, complete a task, sign out.
 */
class InboxBrowserIT {

  static final String AGENT = "Ada Agent";
  static final String CUSTOMER = "260777711059";

  @Test
  void anAgentAnswersACustomerInTheBrowser() throws Exception {
    try (Stack stack = Stack.migrated("browser_tests_inbox")) {
      Stack.Service webhook = stack.webhook();
      stack.runner();
      Stack.Service admin = stack.admin();
      stack.awaitReady(admin, Duration.ofSeconds(60));
      String base = "http://127.0.0.1:" + admin.port();
      ChromeDriver browser = Chromium.start();
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(base + "/inbox");
        wait.until(ExpectedConditions.urlContains("/inbox/sign-in"));
        Chromium.screenshot(browser, "inbox-sign-in");
        browser.findElement(By.id("token")).sendKeys(Stack.ADMIN_TOKEN);
        browser.findElement(By.id("agent")).sendKeys(AGENT);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Conversations"));
        assertTrue(
            !browser.getPageSource().contains(Stack.ADMIN_TOKEN), "the token is not on the page");

        // The customer writes; the list shows it live, without a reload.
        WebElement list = browser.findElement(By.id("conversations"));
        assertEquals(
            200,
            stack
                .postWebhook(
                    webhook,
                    Meta.text(
                        CUSTOMER,
                        "wamid.browser.1",
                        "Hello, is my order ready?",
                        Instant.now().getEpochSecond()))
                .statusCode());
        wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("conversations"), "Customer " + CUSTOMER));
        assertTrue(
            list.isDisplayed(), "the same list element was updated, the page was not reloaded");
        String conversation = stack.value("SELECT id FROM \"Conversation\"");
        seedTaskAndNotification(stack, conversation);
        Chromium.screenshot(browser, "inbox-list");

        click(wait, By.cssSelector("[data-conversation='" + conversation + "'] a"));
        wait.until(
            ExpectedConditions.textToBe(
                By.tagName("h1"), "Conversation with Customer " + CUSTOMER));

        browser.findElement(By.id("takeover")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("release")));
        assertEquals(
            AGENT,
            stack.value(
                "SELECT \"modeChangedBy\" FROM \"Conversation\" WHERE id = " + conversation));

        browser.findElement(By.id("body")).sendKeys("Yes, it ships today.");
        browser.findElement(By.id("send")).click();
        By reply = By.xpath("//li[contains(@class,'outbound')][p[text()='Yes, it ships today.']]");
        wait.until(ExpectedConditions.presenceOfElementLocated(reply));
        wait.until(ExpectedConditions.attributeToBe(reply, "data-status", "SENT"));
        assertEquals(
            AGENT,
            stack.value("SELECT author FROM \"Message\" WHERE body = 'Yes, it ships today.'"));
        assertEquals(
            1,
            stack.count(
                "SELECT count(*) FROM \"OutboundMessageLog\" WHERE status = 'SENT'"
                    + " AND body = 'Yes, it ships today.'"));
        Chromium.screenshot(browser, "inbox-thread");

        browser.findElement(By.id("release")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("takeover")));
        assertEquals(
            "BOT", stack.value("SELECT mode FROM \"Conversation\" WHERE id = " + conversation));

        browser.get(base + "/inbox/notifications");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Notifications"));
        Chromium.screenshot(browser, "inbox-notifications");
        WebElement notification = browser.findElement(By.cssSelector("[data-notification]"));
        click(wait, By.cssSelector("[data-notification] input[value='tomorrow']"));
        click(wait, By.cssSelector("[data-notification] .snooze-button"));
        wait.until(ExpectedConditions.stalenessOf(notification));
        wait.until(
            ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-notification]")));
        assertNotNull(stack.value("SELECT \"snoozedUntil\" FROM \"Notification\""));

        browser.get(base + "/inbox/tasks");
        click(wait, By.cssSelector("[data-task] .assign"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".assign")));
        click(wait, By.cssSelector("[data-task] .complete"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-task]")));
        assertEquals(AGENT, stack.value("SELECT \"completedBy\" FROM \"Task\""));

        browser.get(base + "/inbox/operations");
        wait.until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("schema-verdict"), "Schema verification PASSED"));
        Chromium.screenshot(browser, "inbox-operations");

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/inbox/sign-in"));
        browser.get(base + "/inbox/tasks");
        wait.until(ExpectedConditions.urlContains("/inbox/sign-in"));
      } finally {
        browser.quit();
      }
    }
  }

  /**
   * Clicks what {@code target} finds, again if a live update replaced it meanwhile (the list and
   * thread re-render when events arrive).
   */
  private static void click(WebDriverWait wait, By target) {
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(target).click();
              return true;
            });
  }

  /** What the runner would raise at a handover, for the notifications and tasks pages. */
  private static void seedTaskAndNotification(Stack stack, String conversation) {
    stack.execute(
        "INSERT INTO \"Task\" (\"conversationId\", \"title\", \"status\") VALUES ("
            + conversation
            + ", 'Call the customer back about the order', 'OPEN');"
            + " INSERT INTO \"Notification\" (\"conversationId\", \"type\", \"title\", \"body\")"
            + " VALUES ("
            + conversation
            + ", 'HANDOVER', 'A customer asks for a person', 'Customer "
            + CUSTOMER
            + " wants to talk about an order')");
  }
}
