package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorageResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code upload.max-size}: a larger file, array or stated stream length is refused before {@code POST /uploads}, with a
 * message that names its size and the limit as the user set it (the property of the client, or the builder method).
 */
@QuarkusTest
@WithTestResource(value = FakeStorageResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "clients", value = "media,documents"))
class UploadLimitsTest {

    private static final long FIVE_GIB = 5L * 1024 * 1024 * 1024;

    @Inject
    StorageClient storage;

    @Inject
    ReactiveStorageClient reactiveStorage;

    /** {@code upload.max-size=10M} in application.properties. */
    @Inject
    @StorageClientName("documents")
    ReactiveStorageClient documents;

    @Inject
    FakeStorage fake;

    @ConfigProperty(name = "quarkus.opengater-storage.base-url")
    String baseUrl;

    @ConfigProperty(name = "quarkus.opengater-storage.api-key")
    String apiKey;

    @BeforeEach
    void reset() {
        fake.reset();
    }

    /** S3's limit for one PUT, the default: a sparse file one byte larger, which no disk has to hold. */
    @Test
    void aFileLargerThanFiveGibIsRefusedBeforeAnyRequest() throws Exception {
        Path file = Files.createTempFile("too-large-", ".bin");
        try {
            try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                sparse.setLength(FIVE_GIB + 1);
            }
            String expected = "file is 5368709121 bytes, more than quarkus.opengater-storage.upload.max-size"
                    + " (5368709120 bytes)";

            assertRefused(expected, () -> storage.upload(file, "video/mp4", "large"));
            assertRefused(expected, () -> reactiveStorage.upload(file, "video/mp4", "large"));
            assertRefused("length is 5368709121 bytes, more than quarkus.opengater-storage.upload.max-size"
                    + " (5368709120 bytes)",
                    () -> storage.upload(new ByteArrayInputStream(new byte[0]), FIVE_GIB + 1, "video/mp4", "x"));
        } finally {
            Files.delete(file);
        }
        assertTrue(fake.requests().isEmpty(), "sent: " + fake.requests());
    }

    @Test
    void aNamedClientsLimitIsNamedByItsProperty() {
        assertRefused("bytes holds 10485761 bytes, more than quarkus.opengater-storage.\"documents\".upload.max-size"
                + " (10485760 bytes)", () -> documents.upload(new byte[10 * 1024 * 1024 + 1], "application/pdf", "d"));
        assertTrue(fake.requests().isEmpty(), "sent: " + fake.requests());

        UploadResult atTheLimit = documents.upload(new byte[10 * 1024 * 1024], "application/pdf", "d").await()
                .atMost(Duration.ofSeconds(30));
        assertEquals(10 * 1024 * 1024, fake.bytes(atTheLimit.key()).orElseThrow().length);
    }

    @Test
    void aBuiltClientsLimitIsNamedByItsBuilderMethod() throws Exception {
        Path file = Files.createTempFile("limit-", ".bin");
        file.toFile().deleteOnExit();
        Files.write(file, new byte[1001]);

        try (StorageClient limited = StorageClient.builder().baseUrl(baseUrl).apiKey(apiKey).uploadMaxSize(1000)
                .build()) {
            assertRefused("file is 1001 bytes, more than uploadMaxSize (1000 bytes)",
                    () -> limited.upload(file, "image/png", "limit"));
            assertRefused("bytes holds 1001 bytes, more than uploadMaxSize (1000 bytes)",
                    () -> limited.upload(new byte[1001], "image/png", "limit"));
            assertRefused("length is 1001 bytes, more than uploadMaxSize (1000 bytes)",
                    () -> limited.upload(new ByteArrayInputStream(new byte[1001]), 1001, "image/png", "limit"));
            assertTrue(fake.requests().isEmpty(), "sent: " + fake.requests());

            byte[] atTheLimit = new byte[1000];
            atTheLimit[999] = 7;
            assertArrayEquals(atTheLimit,
                    fake.bytes(limited.upload(atTheLimit, "image/png", "limit").key()).orElseThrow());
        }
    }

    private static void assertRefused(String message, Executable upload) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, upload).getMessage());
    }
}
