package io.opengater.storage.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.opengater.storage.testing.FakeStorage;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A person's view: Debian's headless Chromium picks or drops a file, uploads it straight to the presigned URL while
 * the bar shows how far it got, cancels an upload, reads what each failure means, sees the public URL and preview,
 * and deletes the file. Skipped where Chromium is not installed.
 * <p>
 * On loopback an upload of several MiB takes milliseconds, too short for a bar to move: those tests slow Chromium's
 * uploads down with ChromeDriver's network conditions (DevTools' network emulation), which hold back the request body
 * itself: the storage receives it as slowly as the bar moves.
 */
@QuarkusTest
class DemoBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int MIB = 1024 * 1024;
    private static final int LARGE_FILE_BYTES = 8 * MIB;

    @TestHTTPResource("/")
    URL page;

    @Inject
    FakeStorage storage;

    private ChromeDriver browser;
    private Path profile;
    private Path file;

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
        if (file != null) {
            Files.deleteIfExists(file);
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(entry -> entry.toFile().delete());
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

    @Test
    void theBarFollowsAnUploadOfSeveralMebibytesToItsEnd() throws Exception {
        byte[] bytes = randomBytes(LARGE_FILE_BYTES);
        file = Files.write(Files.createTempFile("demo-large-", ".bin"), bytes);
        slowUploadsTo(4 * MIB);

        browser.get(page.toString());
        browser.findElement(By.id("file")).sendKeys(file.toString());
        assertEquals(file.getFileName() + ", 8.0 MiB", browser.findElement(By.id("chosen")).getText());
        browser.findElement(By.id("upload")).click();

        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.textToBe(By.id("status"), "Uploaded " + file.getFileName() + "."));
        WebElement bar = browser.findElement(By.id("progress"));
        assertEquals(String.valueOf(LARGE_FILE_BYTES), bar.getDomProperty("max"));
        assertEquals(String.valueOf(LARGE_FILE_BYTES), bar.getDomProperty("value"));
        assertEquals("8.0 MiB of 8.0 MiB (100 %)", browser.findElement(By.id("progress-text")).getText());
        assertEquals("done", browser.findElement(By.id("transfer")).getDomAttribute("data-state"));
        List<Long> trail = trail();
        assertEquals(0, trail.get(0).longValue(), trail.toString());
        assertEquals(LARGE_FILE_BYTES, trail.get(trail.size() - 1).longValue(), trail.toString());
        for (int i = 1; i < trail.size(); i++) {
            assertTrue(trail.get(i) >= trail.get(i - 1), "the bar went back: " + trail);
        }
        long between = trail.stream().filter(sent -> sent > 0 && sent < LARGE_FILE_BYTES).distinct().count();
        // 8 MiB at 4 MiB/s take 2 s, and Chromium reports upload progress every 50 to 100 ms
        assertTrue(between >= 5, "the bar took " + between + " steps between 0 and the end: " + trail);
        assertTrue(trail.stream().anyMatch(sent -> sent > LARGE_FILE_BYTES / 4 && sent < LARGE_FILE_BYTES * 3 / 4),
                "the bar skipped the middle: " + trail);

        String key = browser.findElement(By.id("key")).getText();
        assertArrayEquals(bytes, storage.bytes(key).orElseThrow());
        assertEquals(List.of(new FakeStorage.StoredObject(key, "application/octet-stream", LARGE_FILE_BYTES)),
                storage.objects());
    }

    @Test
    void cancelAbortsThePutAndNothingIsStored() throws Exception {
        byte[] bytes = randomBytes(LARGE_FILE_BYTES);
        file = Files.write(Files.createTempFile("demo-cancelled-", ".bin"), bytes);
        // 8 MiB at 2 MiB/s: a PUT that is not aborted ends after 4 s
        slowUploadsTo(2 * MIB);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(page.toString());
        browser.findElement(By.id("file")).sendKeys(file.toString());
        browser.findElement(By.id("upload")).click();
        long started = System.nanoTime();
        wait.until(driver -> trail().stream().anyMatch(sent -> sent > 0));
        browser.findElement(By.id("cancel")).click();

        wait.until(ExpectedConditions.textToBe(By.id("status"),
                "Cancelled the upload of " + file.getFileName() + "; the storage did not keep it."));
        assertEquals("cancelled", browser.findElement(By.id("transfer")).getDomAttribute("data-state"));
        long sent = trail().get(trail().size() - 1);
        assertTrue(sent > 0 && sent < LARGE_FILE_BYTES, "cancelled after " + sent + " bytes");
        assertEquals(1, storage.requests().stream()
                .filter(request -> request.method().equals("PUT") && request.path().startsWith("/bucket/")).count(),
                "the PUT had begun");
        // Long enough for the PUT to have ended, had it only been hidden from the page.
        Thread.sleep(Math.max(0, Duration.ofSeconds(6).toMillis() - (System.nanoTime() - started) / 1_000_000));
        assertTrue(storage.objects().isEmpty(), storage.objects().toString());

        // The page is ready for the next upload, and that one goes through.
        browser.deleteNetworkConditions();
        browser.findElement(By.id("upload")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "Uploaded " + file.getFileName() + "."));
        assertArrayEquals(bytes, storage.bytes(browser.findElement(By.id("key")).getText()).orElseThrow());
    }

    @Test
    void aDroppedFileOfARefusedContentTypeIsReportedInTheServicesWords() {
        String refusal = "content type application/x-msdownload is not allowed";
        storage.failNext("/uploads", 400, refusal, 1);

        browser.get(page.toString());
        drop("setup.exe", "application/x-msdownload", "MZ not really a program");
        assertEquals("setup.exe, 23 bytes", browser.findElement(By.id("chosen")).getText());
        browser.findElement(By.id("upload")).click();

        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("status"),
                "The storage refused this upload (HTTP 400: " + refusal + ")."));
        assertEquals("error", browser.findElement(By.id("status")).getDomAttribute("class"));
        List<FakeStorage.ReceivedRequest> asked = storage.requests("/uploads");
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).body().contains("\"content_type\":\"application/x-msdownload\""), asked.get(0).body());
        assertTrue(storage.requests().stream().noneMatch(request -> request.path().startsWith("/bucket/")));
        assertTrue(browser.findElement(By.id("transfer")).getDomAttribute("hidden") != null, "no bar without a PUT");
        assertTrue(storage.objects().isEmpty());
    }

    @Test
    void eachFailureIsExplained() throws Exception {
        file = Files.writeString(Files.createTempFile("demo-note-", ".txt"), "a note that will not be kept");
        browser.get(page.toString());
        browser.findElement(By.id("file")).sendKeys(file.toString());

        storage.failNext("/uploads", 403, "Invalid API key", 1);
        assertUploadSays("The storage did not accept the demo server's API key (HTTP 403: Invalid API key)."
                + " Check quarkus.opengater-storage.api-key.");

        // the client's two retries fail too, and the last one's Retry-After reaches the page
        storage.injectFailure("/uploads", 503, Duration.ZERO, Duration.ofSeconds(1), 3);
        assertUploadSays("The storage is unavailable right now (HTTP 503: failure injected by the test)."
                + " It asks to try again in 1 s.");

        storage.urlLifetime(Duration.ofMinutes(-1));
        assertUploadSays("The upload URL expired before the upload (HTTP 403 AccessDenied: Request has expired)."
                + " Upload again for a new one.");
        storage.reset();

        storage.failNext("/bucket/", 413, "Your proposed upload exceeds the maximum allowed size", 1);
        assertUploadSays("The file is too large for the storage host"
                + " (HTTP 413 InjectedFailure: Your proposed upload exceeds the maximum allowed size).");

        storage.failNext("/bucket/", 503, 1);
        assertUploadSays("The storage host is unavailable right now (HTTP 503 InjectedFailure: failure injected by"
                + " the test). Try again in a moment.");

        assertTrue(storage.objects().isEmpty(), storage.objects().toString());
    }

    private void assertUploadSays(String message) {
        browser.findElement(By.id("upload")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("status"), message));
        assertEquals("error", browser.findElement(By.id("status")).getDomAttribute("class"));
    }

    /** Drops a file made in the page on the drop zone, as a person drags one there from the desktop. */
    private void drop(String name, String type, String content) {
        browser.executeScript("""
                const [zone, name, type, content] = arguments;
                const files = new DataTransfer();
                files.items.add(new File([content], name, { type }));
                for (const kind of ['dragenter', 'dragover', 'drop']) {
                    zone.dispatchEvent(new DragEvent(kind, { dataTransfer: files, bubbles: true, cancelable: true }));
                }""", browser.findElement(By.id("drop-zone")), name, type, content);
    }

    /** Holds Chromium's uploads to {@code bytesPerSecond}; downloads stay as fast as they are. */
    private void slowUploadsTo(int bytesPerSecond) {
        browser.setNetworkConditions(new ChromiumNetworkConditions().setUploadThroughput(bytesPerSecond));
    }

    /** @return every value the bar took during the last upload, in order, as the page recorded them */
    private List<Long> trail() {
        String trail = browser.findElement(By.id("transfer")).getDomAttribute("data-trail");
        return trail == null || trail.isBlank() ? List.of()
                : Arrays.stream(trail.trim().split(" ")).map(Long::valueOf).toList();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
