package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorageResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A 1 GiB file uploaded from a JVM whose heap is at most 128 MiB (its own surefire execution, {@code -Xmx128m}, see
 * the pom): the bytes stream from disk to the storage, which streams them to disk too.
 */
@QuarkusTest
@WithTestResource(value = FakeStorageResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "clients", value = "media,documents"))
class LargeUploadTest {

    private static final long SIZE = 1L << 30;

    @Inject
    StorageClient storage;

    @Inject
    FakeStorage fake;

    @Test
    void aGibibyteGoesThroughA128MibHeap() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap <= 160L * 1024 * 1024, "this test must run with -Xmx128m, the heap is " + maxHeap);
        Path file = Files.createTempFile("large-upload-", ".bin");
        try {
            // The source file is sparse; the storage writes the gibibyte out for real.
            Assumptions.assumeTrue(Files.getFileStore(file).getUsableSpace() > 3 * SIZE,
                    "less than 3 GiB of free disk for the 1 GiB upload: skipped");
            try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                sparse.setLength(SIZE);
                for (long position = 0; position < SIZE; position += 64L * 1024 * 1024) {
                    sparse.seek(position);
                    sparse.writeLong(position);
                }
            }
            fake.reset();

            long started = System.nanoTime();
            UploadResult result = storage.upload(file, "application/octet-stream", "large");
            double seconds = (System.nanoTime() - started) / 1e9;

            assertEquals(SIZE, fake.objects().stream().filter(o -> o.key().equals(result.key())).findFirst()
                    .orElseThrow().size());
            System.out.printf("1 GiB uploaded in %.1f s (%.0f MB/s) with a heap of at most %d MiB%n", seconds,
                    SIZE / 1e6 / seconds, maxHeap / (1024 * 1024));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
