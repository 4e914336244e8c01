package io.inbox.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium through Debian's chromedriver, both named explicitly so that Selenium Manager
 * never looks for (or downloads) a browser or a driver of its own. Headless; as root the sandbox
 * cannot start, so it is switched off there only.
 */
final class Chromium {

  private Chromium() {}

  static ChromeDriver start() {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(System.getProperty("browser.chromedriver")))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("browser.chromium"));
    options.addArguments("--headless=new", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en");
    if ("root".equals(System.getProperty("user.name"))) {
      options.addArguments("--no-sandbox");
    }
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 900));
    return driver;
  }

  /** The page as the agent sees it, into the README's images ({@code browser.screenshots}). */
  static void screenshot(ChromeDriver driver, String name) throws IOException {
    Path dir = Files.createDirectories(Path.of(System.getProperty("browser.screenshots")));
    Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }
}
