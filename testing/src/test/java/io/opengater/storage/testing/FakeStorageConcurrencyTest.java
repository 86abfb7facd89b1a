package io.opengater.storage.testing;

import static io.opengater.storage.testing.TestHttp.createUpload;
import static io.opengater.storage.testing.TestHttp.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vertx.core.json.JsonObject;

/** Concurrent uploads to one presigned URL end with one of them stored whole, never a mix. */
class FakeStorageConcurrencyTest {

    private static final String KEY = "concurrency-test-key";
    private static final int WRITERS = 8;
    private static final int SIZE = 1024 * 1024;

    @RegisterExtension
    static final RunningFakeStorage FAKE = new RunningFakeStorage(KEY);

    @RepeatedTest(4)
    void concurrentPutsToOneUrlLeaveOneWholePayload() throws Exception {
        JsonObject upload = createUpload(FAKE.baseUrl(), KEY, "application/octet-stream", "race");
        String uploadUrl = upload.getString("upload_url");
        String publicUrl = upload.getString("public_url");
        String key = upload.getString("key");

        // Readers during the race see either nothing yet or one payload whole.
        AtomicBoolean racing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        CountDownLatch readerStarted = new CountDownLatch(1);
        List<String> readProblems = new ArrayList<>();
        Thread reader = new Thread(() -> {
            readerStarted.countDown();
            try {
                while (racing.get()) {
                    HttpResponse<byte[]> read = TestHttp.get(publicUrl);
                    reads.incrementAndGet();
                    String problem = read.statusCode() == 404 ? null
                            : read.statusCode() != 200 ? "status " + read.statusCode()
                                    : wholePayloadProblem(read.body());
                    if (problem != null) {
                        synchronized (readProblems) {
                            readProblems.add(problem);
                        }
                    }
                }
            } catch (Throwable failed) {
                readerFailure.set(failed);
            }
        }, "concurrency-reader");
        reader.start();
        try {
            // the PUTs start once the reader runs, so that its reads overlap them
            assertTrue(readerStarted.await(30, TimeUnit.SECONDS), "the reader did not start");
            List<CompletableFuture<HttpResponse<String>>> puts = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                byte[] payload = new byte[SIZE];
                Arrays.fill(payload, (byte) ('A' + i));
                puts.add(TestHttp.CLIENT.sendAsync(request(uploadUrl)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(payload)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> put : puts) {
                HttpResponse<String> response = put.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
            }
        } finally {
            racing.set(false);
            reader.join(30_000);
        }
        assertFalse(reader.isAlive(), "the reader did not end within 30 s of the race");
        if (readerFailure.get() != null) {
            throw new AssertionError("the reader failed", readerFailure.get());
        }
        assertTrue(reads.get() > 0, "the reader made no read during the race");

        HttpResponse<byte[]> stored = TestHttp.get(publicUrl);
        assertEquals(200, stored.statusCode());
        assertEquals(SIZE, stored.body().length);
        String problem = wholePayloadProblem(stored.body());
        if (problem != null) {
            fail(problem);
        }
        assertEquals(List.of(new FakeStorage.StoredObject(key, "application/octet-stream", SIZE)),
                FAKE.handle().objects());
        byte[] viaHandle = FAKE.handle().bytes(key).orElseThrow();
        assertTrue(Arrays.equals(stored.body(), viaHandle), "the FAKE.handle() and the public URL disagree");
        assertEquals(WRITERS, FAKE.handle().requests().stream().filter(r -> r.method().equals("PUT")).count());
        synchronized (readProblems) {
            assertEquals(List.of(), readProblems, "a reader saw a torn object during the race");
        }
    }

    /** @return null if {@code bytes} is exactly one writer's payload, else what is wrong */
    private static String wholePayloadProblem(byte[] bytes) {
        if (bytes.length != SIZE) {
            return "size " + bytes.length + " instead of " + SIZE;
        }
        byte value = bytes[0];
        if (value < 'A' || value >= 'A' + WRITERS) {
            return "first byte " + value + " is no writer's";
        }
        for (int i = 1; i < bytes.length; i++) {
            if (bytes[i] != value) {
                return "torn: byte " + i + " is " + bytes[i] + " after " + value;
            }
        }
        return null;
    }
}
