package io.opengater.storage.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/**
 * A 200 MiB upload streams through the fake to disk and back: the fake runs in its own JVM with a 48 MiB heap, so a
 * fake that held the body in memory would fail.
 */
class FakeStorageMemoryTest {

    private static final String KEY = "memory-test-key";
    private static final long SIZE = 200L * 1024 * 1024;
    private static final String HEAP = "-Xmx48m";

    private static Process process;
    private static String baseUrl;
    private static FakeStorage handle;
    private static final List<String> output = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // ExitOnOutOfMemoryError: a fake that buffers the body dies at once, rather than thrashing until a timeout
        process = new ProcessBuilder(java, HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                FakeStorageMain.class.getName(), "0", KEY).redirectErrorStream(true).start();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null;) {
                    synchronized (output) {
                        output.add(line);
                    }
                    int at = line.indexOf("listening on ");
                    if (at >= 0) {
                        listening.complete(line.substring(at + "listening on ".length()).strip());
                    }
                }
            } catch (IOException ended) {
                // the process is gone
            }
            listening.completeExceptionally(new IllegalStateException("the fake ended before listening: " + output));
        }, "fake-storage-output");
        drain.setDaemon(true);
        drain.start();
        baseUrl = listening.get(30, TimeUnit.SECONDS);
        assertTrue(baseUrl.matches("http://127\\.0\\.0\\.1:\\d+"), baseUrl);
        handle = new FakeStorage(baseUrl);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @BeforeEach
    void reset() {
        handle.reset();
    }

    @Test
    void a200MiBUploadStreamsToDiskAndBack() throws Exception {
        Path file = Files.createTempFile("fake-storage-200mib-", ".bin");
        try {
            byte[] expectedDigest = writeSparseFileWithMarkers(file);
            JsonObject upload = TestHttp.createUpload(baseUrl, KEY, "video/mp4", "big");

            HttpResponse<String> stored;
            try {
                stored = TestHttp.sendString(TestHttp.request(upload.getString("upload_url"))
                        .timeout(Duration.ofSeconds(120)).header("Content-Type", "video/mp4")
                        .PUT(HttpRequest.BodyPublishers.ofFile(file)));
            } catch (RuntimeException failed) {
                Thread.sleep(200); // let the output of a dying fake arrive
                throw new AssertionError("the 200 MiB PUT failed (fake alive: " + process.isAlive() + ")\nfake output: "
                        + outputSoFar(), failed);
            }
            assertEquals(200, stored.statusCode(), stored.body() + "\nfake output: " + outputSoFar());

            assertEquals(List.of(new FakeStorage.StoredObject(upload.getString("key"), "video/mp4", SIZE)),
                    handle.objects());

            HttpResponse<InputStream> fetched = TestHttp.send(TestHttp.request(upload.getString("public_url"))
                    .timeout(Duration.ofSeconds(120)).GET(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, fetched.statusCode());
            assertEquals("video/mp4", fetched.headers().firstValue("Content-Type").orElse(null));
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long length = 0;
            try (InputStream in = fetched.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0;) {
                    digest.update(buffer, 0, n);
                    length += n;
                }
            }
            assertEquals(SIZE, length);
            assertArrayEquals(expectedDigest, digest.digest(), "the bytes served back differ from those uploaded");
            assertTrue(process.isAlive(), "the fake died: " + outputSoFar());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * A sparse 200 MiB file, with a few bytes written every MiB so that the digest sees order and offsets, not only
     * zeros.
     *
     * @return its SHA-256
     */
    private static byte[] writeSparseFileWithMarkers(Path file) throws Exception {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(SIZE);
            for (long mib = 0; mib < SIZE / (1024 * 1024); mib++) {
                out.seek(mib * 1024 * 1024 + mib * 17);
                out.write(("MiB " + mib + " of the 200 MiB upload\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.seek(SIZE - 4);
            out.write(new byte[] { 'E', 'N', 'D', '!' });
        }
        assertEquals(SIZE, Files.size(file));
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    private static String outputSoFar() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }
}
