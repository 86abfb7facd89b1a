package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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
 * the pom): the bytes stream from disk to the storage, which streams them to disk too, and what it serves back has the
 * file's SHA-256. Where CI says it provides the disk ({@code -Dci.provides=disk}), too little of it fails the test.
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
            boolean roomy = Files.getFileStore(file).getUsableSpace() > 3 * SIZE;
            String noRoom = "less than 3 GiB of free disk for the 1 GiB upload";
            if (System.getProperty("ci.provides", "").contains("disk")) {
                assertTrue(roomy, noRoom + ", which CI provides (-Dci.provides)");
            }
            Assumptions.assumeTrue(roomy, noRoom + ": skipped");
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
            // every byte, read back as the storage serves it, in constant memory too
            try (InputStream stored = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create(result.publicUrl())).build(),
                            HttpResponse.BodyHandlers.ofInputStream())
                    .body(); InputStream sent = Files.newInputStream(file)) {
                assertArrayEquals(sha256(sent), sha256(stored), "the stored bytes differ from the file's");
            }
            System.out.printf("1 GiB uploaded in %.1f s (%.0f MB/s) with a heap of at most %d MiB%n", seconds,
                    SIZE / 1e6 / seconds, maxHeap / (1024 * 1024));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static byte[] sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1024 * 1024];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            digest.update(buffer, 0, read);
        }
        return digest.digest();
    }
}
