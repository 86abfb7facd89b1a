package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorage.ReceivedRequest;
import io.opengater.storage.testing.FakeStorageResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code upload(...)} against the fake storage: the bytes arrive whole, the PUT carries the signed Content-Type and a
 * Content-Length and never the API key, failures are retried from the start, and progress is reported.
 */
@QuarkusTest
@WithTestResource(value = FakeStorageResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "clients", value = "media,documents"))
class UploadTest {

    @Inject
    StorageClient storage;

    @Inject
    ReactiveStorageClient reactiveStorage;

    @Inject
    FakeStorage fake;

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void aFileArrivesWholeAndThePutCarriesNoApiKey() throws Exception {
        Path file = randomFile(3 * 1024 * 1024 + 17);

        UploadResult result = storage.upload(file, "image/png", "uploads");

        assertTrue(result.key().startsWith("uploads/"), result.key());
        assertArrayEquals(sha256(Files.readAllBytes(file)), sha256(fake.bytes(result.key()).orElseThrow()));
        ReceivedRequest put = onlyPut();
        assertNull(put.headers().getString("x-api-key"), "the API key went to the storage host");
        assertEquals("image/png", put.headers().getString("content-type"));
        assertEquals(String.valueOf(Files.size(file)), put.headers().getString("content-length"));
        assertNull(put.headers().getString("transfer-encoding"));
        assertEquals("<valid>", fake.requests("/uploads").get(0).headers().getString("x-api-key"));
    }

    @Test
    void bytesAndStreamsArriveWholeToo() {
        byte[] bytes = randomBytes(200_000);

        UploadResult fromBytes = storage.upload(bytes, "application/pdf", "docs");
        UploadResult fromStream = storage.upload(new ByteArrayInputStream(bytes), bytes.length, "application/pdf",
                "docs");
        UploadResult reactive = reactiveStorage.upload(bytes, "application/pdf", null).await()
                .atMost(Duration.ofSeconds(30));

        for (UploadResult result : List.of(fromBytes, fromStream, reactive)) {
            assertArrayEquals(bytes, fake.bytes(result.key()).orElseThrow());
        }
    }

    @Test
    void theReactiveClientUploadsAFile() throws Exception {
        Path file = randomFile(1024 * 1024);

        UploadResult result = reactiveStorage.upload(file, "video/mp4", "clips").await().atMost(Duration.ofSeconds(30));

        assertArrayEquals(Files.readAllBytes(file), fake.bytes(result.key()).orElseThrow());
    }

    @Test
    void progressIsReportedFromZeroToTheTotal() throws Exception {
        Path file = randomFile(8 * 1024 * 1024);
        List<long[]> calls = new CopyOnWriteArrayList<>();

        long started = System.nanoTime();
        storage.upload(file, "application/octet-stream", "p", (sent, total) -> calls.add(new long[] { sent, total }));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(0, calls.get(0)[0]);
        assertEquals(Files.size(file), calls.get(calls.size() - 1)[0]);
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0], "progress went backwards");
            assertEquals(Files.size(file), calls.get(i)[1]);
        }
        // At most every 250 ms, plus the first and the last call.
        assertTrue(calls.size() <= 2 + seconds * 4 + 1, calls.size() + " calls in " + seconds + " s");
    }

    /** The content type is signed and sent as a header: one that a header cannot carry would arrive changed. */
    @Test
    void aContentTypeThatCannotBeAHeaderIsRefusedBeforeAnyRequest() {
        for (String contentType : List.of("text/plain; title=\"caf\u00e9\"", "image/png; x=\ud83d\ude00")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> storage.upload(new byte[] { 1 }, contentType, "x"));
            assertTrue(refused.getMessage().startsWith("contentType of an upload must hold only visible ASCII"),
                    refused.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> reactiveStorage.upload(new byte[] { 1 }, contentType, "x"));
        }
        assertEquals(List.of(), fake.requests(), "nothing is sent");
        // creating the upload alone sends it in JSON only, which carries any text
        assertTrue(storage.createUpload("text/plain; title=\"caf\u00e9\"").key().endsWith(".txt"));
    }

    @Test
    void aFailedPutIsRetriedFromTheStart() throws Exception {
        fake.failNext("/bucket/", 503, 2);
        Path file = randomFile(512 * 1024);

        UploadResult result = storage.upload(file, "image/png", "retry");

        assertEquals(3, fake.requests().stream().filter(r -> r.method().equals("PUT")).count());
        assertArrayEquals(Files.readAllBytes(file), fake.bytes(result.key()).orElseThrow());
    }

    @Test
    void aRefusedPutIsTypedWithTheS3CodeAndNotRetried() {
        fake.failNext("/bucket/", 403, 5);

        StorageAuthException refused = assertThrows(StorageAuthException.class,
                () -> storage.upload(new byte[] { 1, 2, 3 }, "image/png", "denied"));

        assertEquals(403, refused.statusCode());
        assertEquals("InjectedFailure: failure injected by the test", refused.detail());
        assertTrue(refused.operation().startsWith("PUT http://127.0.0.1:"), refused.operation());
        assertFalse(refused.getMessage().contains("X-Signature"), "the signature is in the message");
        assertEquals(1, fake.requests().stream().filter(r -> r.method().equals("PUT")).count());
    }

    @Test
    void aLastingUnavailabilityEndsTyped() {
        fake.failNext("/bucket/", 500, 10);

        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> storage.upload(new byte[] { 1 }, "image/png", "down"));

        assertEquals(500, failure.statusCode());
        assertEquals(3, fake.requests().stream().filter(r -> r.method().equals("PUT")).count());
    }

    @Test
    void anUnreadableFileFailsBeforeAnyRequest() {
        Path missing = Path.of("target", "no-such-file.png");

        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> storage.upload(missing, "image/png", "x"));
        assertThrows(UncheckedIOException.class, () -> reactiveStorage.upload(missing, "image/png", "x"));

        assertTrue(failure.getMessage().contains("no-such-file.png"), failure.getMessage());
        assertTrue(fake.requests().isEmpty());
    }

    @Test
    void aStreamShorterThanItsLengthFailsAndStoresNothing() {
        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> storage.upload(new ByteArrayInputStream(new byte[10]), 20, "image/png", "short"));

        assertTrue(failure.getMessage().contains("ended after 10 of 20 bytes"), failure.getMessage());
        assertTrue(fake.objects().isEmpty());
    }

    @Test
    void invalidArgumentsFailBeforeAnyRequest() {
        assertThrows(IllegalArgumentException.class, () -> storage.upload((byte[]) null, "image/png", "x"));
        assertThrows(IllegalArgumentException.class, () -> storage.upload(new byte[1], "png", "x"));
        assertThrows(IllegalArgumentException.class, () -> storage.upload((Path) null, "image/png", "x"));
        assertThrows(IllegalArgumentException.class,
                () -> storage.upload(new ByteArrayInputStream(new byte[1]), -1, "image/png", "x"));
        assertTrue(fake.requests().isEmpty());
    }

    private ReceivedRequest onlyPut() {
        List<ReceivedRequest> puts = fake.requests().stream().filter(r -> r.method().equals("PUT")).toList();
        assertEquals(1, puts.size());
        return puts.get(0);
    }

    private static Path randomFile(int size) throws IOException {
        Path file = Files.createTempFile("upload-", ".bin");
        file.toFile().deleteOnExit();
        Files.write(file, randomBytes(size));
        return file;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
