package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.UploadProgressListener;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorageResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An exception thrown by the caller's own progress listener reaches the caller unchanged (the same instance, not a
 * {@code StorageException}), is never retried, and stops the upload: nothing more is sent, nothing is stored.
 */
@QuarkusTest
@WithTestResource(value = FakeStorageResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "clients", value = "media,documents"))
class ProgressListenerFailureTest {

    @Inject
    StorageClient storage;

    @Inject
    ReactiveStorageClient reactiveStorage;

    @Inject
    FakeStorage fake;

    private final IllegalStateException refusal = new IllegalStateException("the caller's listener refuses");

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void aListenerThatThrowsAtTheStartStopsEveryKindOfUpload() throws IOException {
        Path file = Files.createTempFile("listener", ".bin");
        Files.write(file, new byte[3 * 1024 * 1024]);
        UploadProgressListener refusing = (sent, total) -> {
            throw refusal;
        };
        try {
            assertStopped(() -> storage.upload(file, "image/png", "x", refusing));
            assertStopped(() -> storage.upload(new byte[1024], "image/png", "x", refusing));
            assertStopped(() -> storage.upload(InputStream.nullInputStream(), 0, "image/png", "x", refusing));
            assertStopped(() -> reactiveStorage.upload(file, "image/png", "x", refusing).await()
                    .atMost(Duration.ofSeconds(30)));
            assertStopped(() -> reactiveStorage.upload(new byte[1024], "image/png", "x", refusing).await()
                    .atMost(Duration.ofSeconds(30)));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aListenerThatThrowsMidwayStopsAStreamUpload() {
        int chunks = 8;
        AtomicInteger reads = new AtomicInteger();
        // each chunk comes after more than the 250 ms between two reports, so the listener is told after each
        InputStream slow = new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (reads.incrementAndGet() > chunks) {
                    return -1;
                }
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int n = Math.min(length, 64 * 1024);
                Arrays.fill(buffer, offset, offset + n, (byte) 7);
                return n;
            }
        };
        AtomicInteger calls = new AtomicInteger();

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> storage.upload(slow, chunks * 64 * 1024L, "image/png", "x", (sent, total) -> {
                    if (calls.incrementAndGet() == 2) {
                        throw refusal;
                    }
                }));

        assertSame(refusal, thrown);
        assertEquals(2, calls.get(), "told again after it threw");
        assertTrue(reads.get() < chunks, "the stream was read on after the listener threw: " + reads.get());
        assertTrue(fake.objects().isEmpty(), "a stopped upload was stored: " + fake.objects());
        assertEquals(1, puts(), "retried");
    }

    private void assertStopped(Executable upload) {
        fake.reset();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, upload);
        assertSame(refusal, thrown);
        assertEquals(1, fake.requests("/uploads").size(), "the upload was created once, not retried");
        assertEquals(0, puts(), "bytes were sent after the listener threw");
        assertTrue(fake.objects().isEmpty(), fake.objects().toString());
    }

    private long puts() {
        return fake.requests().stream().filter(request -> request.method().equals("PUT")).count();
    }
}
