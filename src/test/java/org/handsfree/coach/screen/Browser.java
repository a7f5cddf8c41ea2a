package org.handsfree.coach.screen;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium, Debian's, driven through Debian's chromedriver (named by path, so
 * Selenium downloads nothing). Where it can't start, the test fails with one line saying why.
 */
final class Browser {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    /** Selenium warns that it has no DevTools for this Chromium's version; the tests use none. */
    private static final Logger DEVTOOLS = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS.setLevel(Level.SEVERE);
    }

    private Browser() {
    }

    /** A fresh browser with an empty profile in {@code profile}, {@code width} CSS pixels wide. */
    static WebDriver start(Path profile, int width, int height) throws Exception {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(DRIVER))) {
            fail("headless Chromium is missing: install Debian's chromium and chromium-driver (.ci/run does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createDirectories(profile), "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        try {
            return new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            fail("headless Chromium can't start: " + why);
            throw e;
        }
    }
}
