package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageBadRequestException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.UploadChecksum;
import io.opengater.storage.client.UploadProgressListener;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorage.ReceivedRequest;
import io.opengater.storage.testing.FakeStorageResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * {@code upload.checksum=md5} (the default) against the embedded storage, which checks a {@code Content-MD5} as S3
 * does: a file's and an array's {@code PUT} carry the MD5 of their bytes, a stream's none; a file changed after its
 * MD5 was taken is refused with {@code BadDigest} and nothing is stored, while without the checksum the changed bytes
 * are stored as they came; and the reactive client takes the MD5 off the event loop.
 */
@QuarkusTest
@WithTestResource(value = FakeStorageResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "clients", value = "media,documents"))
class UploadChecksumTest {

    @Inject
    StorageClient storage;

    @Inject
    ReactiveStorageClient reactiveStorage;

    @Inject
    FakeStorage fake;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.opengater-storage.base-url")
    String baseUrl;

    @ConfigProperty(name = "quarkus.opengater-storage.api-key")
    String apiKey;

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void aFileAndBytesCarryTheMd5OfTheirBytesAndAStreamNone() throws Exception {
        byte[] bytes = randomBytes(3 * 1024 * 1024 + 17);
        Path file = write(bytes);

        List<UploadResult> results = List.of(
                storage.upload(file, "image/png", "md5"),
                storage.upload(bytes, "image/png", "md5"),
                reactiveStorage.upload(file, "image/png", "md5").await().atMost(Duration.ofSeconds(30)),
                reactiveStorage.upload(bytes, "image/png", "md5").await().atMost(Duration.ofSeconds(30)),
                storage.upload(new ByteArrayInputStream(bytes), bytes.length, "image/png", "md5"));

        List<ReceivedRequest> puts = puts();
        assertEquals(5, puts.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(md5(bytes), puts.get(i).headers().getString("content-md5"), "upload " + i);
        }
        assertNull(puts.get(4).headers().getString("content-md5"), "a stream cannot know its MD5 in advance");
        for (UploadResult result : results) {
            assertArrayEquals(bytes, fake.bytes(result.key()).orElseThrow());
        }
    }

    @Test
    void anEmptyBodyHasTheMd5OfNothing() {
        UploadResult result = storage.upload(new byte[0], "text/plain", "empty");

        assertEquals("1B2M2Y8AsgTpgAmY7PhCfg==", puts().get(0).headers().getString("content-md5"));
        assertEquals(0, fake.bytes(result.key()).orElseThrow().length);
    }

    /** The file changes after its MD5 was taken, as the PUT starts: what arrives is not what was hashed. */
    @Test
    void aFileChangedAfterItsMd5IsRefusedWithBadDigestAndNothingIsStored() throws Exception {
        Path file = write(randomBytes(1024 * 1024));

        StorageBadRequestException refused = assertThrows(StorageBadRequestException.class,
                () -> storage.upload(file, "image/png", "changed", changesOnceStarted(file)));

        assertEquals(400, refused.statusCode());
        assertEquals("BadDigest: The Content-MD5 you specified did not match what we received.", refused.detail());
        assertTrue(refused.operation().startsWith("PUT http://127.0.0.1:"), refused.operation());
        assertTrue(fake.objects().isEmpty(), "stored: " + fake.objects());
        assertEquals(1, puts().size(), "a 400 is not retried");
    }

    @Test
    void withoutTheChecksumTheChangedFileIsStoredAsItCame() throws Exception {
        Path file = write(randomBytes(1024 * 1024));
        byte[] hashed = Files.readAllBytes(file);

        try (StorageClient unchecked = StorageClient.builder().baseUrl(baseUrl).apiKey(apiKey)
                .uploadChecksum(UploadChecksum.NONE).build()) {
            UploadResult result = unchecked.upload(file, "image/png", "changed", changesOnceStarted(file));

            byte[] stored = fake.bytes(result.key()).orElseThrow();
            assertArrayEquals(Files.readAllBytes(file), stored);
            assertTrue(stored[0] != hashed[0], "the file did not change");
        }
        assertNull(puts().get(0).headers().getString("content-md5"));
    }

    /**
     * Subscribed to on an event loop, the reactive client reads and hashes a 512 MiB file (sparse, so the disk does not
     * set the pace) on a worker: a timer on that event loop keeps firing meanwhile. The service then refuses the
     * upload, so that nothing is sent to the storage.
     */
    @Test
    void theReactiveClientTakesTheMd5OffTheEventLoop() throws Exception {
        Path file = Files.createTempFile("sparse-", ".bin");
        file.toFile().deleteOnExit();
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(512L * 1024 * 1024);
        }
        fake.failNext("/uploads", 400, 1);
        AtomicLong lastTick = new AtomicLong(System.nanoTime());
        AtomicLong longestGap = new AtomicLong();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        long started = System.nanoTime();

        vertx.getOrCreateContext().runOnContext(onEventLoop -> {
            long timer = vertx.setPeriodic(10, tick -> {
                long now = System.nanoTime();
                longestGap.accumulateAndGet(now - lastTick.getAndSet(now), Math::max);
            });
            lastTick.set(System.nanoTime());
            reactiveStorage.upload(file, "application/octet-stream", "sparse").subscribe().with(
                    result -> {
                        vertx.cancelTimer(timer);
                        ended.complete(null);
                    },
                    failure -> {
                        vertx.cancelTimer(timer);
                        ended.complete(failure);
                    });
        });

        Throwable failure = ended.get(60, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - started;
        Files.delete(file);
        assertTrue(failure instanceof StorageBadRequestException, String.valueOf(failure));
        assertEquals(1, fake.requests("/uploads").size());
        assertTrue(puts().isEmpty());
        assertTrue(longestGap.get() < elapsed / 2, "the event loop stood still for " + longestGap.get() / 1_000_000
                + " ms of the " + elapsed / 1_000_000 + " ms that the MD5 and the call took");
    }

    /** A listener that rewrites the file, as long as it is, when the PUT starts. */
    private static UploadProgressListener changesOnceStarted(Path file) {
        AtomicBoolean changed = new AtomicBoolean();
        return (sent, total) -> {
            if (sent == 0 && changed.compareAndSet(false, true)) {
                try {
                    byte[] bytes = Files.readAllBytes(file);
                    for (int i = 0; i < bytes.length; i += 4096) {
                        bytes[i] ^= (byte) 0xff;
                    }
                    Files.write(file, bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private List<ReceivedRequest> puts() {
        return fake.requests().stream().filter(r -> r.method().equals("PUT")).toList();
    }

    private static Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("checksum-", ".bin");
        file.toFile().deleteOnExit();
        Files.write(file, bytes);
        return file;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String md5(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
