package io.opengater.storage.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.opengater.storage.testing.FakeStorage;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A person's view: Debian's headless Chromium picks an image, uploads it straight to the presigned URL, sees its
 * public URL and preview, and deletes it. Skipped where Chromium is not installed.
 */
@QuarkusTest
class DemoBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TestHTTPResource("/")
    URL page;

    @Inject
    FakeStorage storage;

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Chromium is not installed (apt-get install chromium chromium-driver)";
        if (System.getProperty("ci.provides", "").contains("chromium")) {
            Assertions.assertTrue(installed, missing + ", which CI provides (-Dci.provides)");
        }
        Assumptions.assumeTrue(installed, missing + ": the browser test is skipped");
        storage.reset();
        profile = Files.createTempDirectory("demo-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1100,900", "--user-data-dir=" + profile);
        // The driver is given explicitly, so Selenium Manager never tries to download one.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void aPersonUploadsSeesAndDeletesAnImage() throws Exception {
        Path image = Files.createTempFile("demo-", ".png");
        BufferedImage pixels = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                pixels.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x80);
            }
        }
        ImageIO.write(pixels, "png", image.toFile());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(page.toString());
        browser.findElement(By.id("file")).sendKeys(image.toString());
        browser.findElement(By.id("upload")).click();

        wait.until(ExpectedConditions.textToBe(By.id("status"), "Uploaded " + image.getFileName() + "."));
        String publicUrl = browser.findElement(By.id("public-url")).getText();
        assertTrue(publicUrl.matches("http://127\\.0\\.0\\.1:\\d+/public/demo/[0-9a-f]{16}\\.png"), publicUrl);
        wait.until(driver -> (Boolean) ((JavascriptExecutor) driver)
                .executeScript("const img = document.getElementById('preview'); return img.complete && img.naturalWidth === 64;"));
        assertEquals(1, storage.objects().size());
        assertEquals(Files.size(image), storage.objects().get(0).size());
        Path screenshot = Path.of("target", "demo-browser.png");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        browser.findElement(By.id("delete")).click();
        String key = publicUrl.substring(publicUrl.indexOf("/public/") + "/public/".length());
        // The page asks the public URL again after the delete and shows what it responds.
        wait.until(ExpectedConditions.textToBe(By.id("status"),
                "Deleted " + key + ": its public URL now answers 404."));
        assertTrue(storage.objects().isEmpty());
        Files.deleteIfExists(image);
    }
}
