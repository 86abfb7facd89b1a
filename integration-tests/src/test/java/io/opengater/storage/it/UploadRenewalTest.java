package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorage.ReceivedRequest;
import io.opengater.storage.testing.FakeStorageResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code upload.renew-expired} (on by default) against the embedded storage: a presigned URL that expired before its
 * {@code PUT} gets a new upload once, and the bytes go under the new key; a second expiry, a stream, or a client with
 * the renewal turned off end with the storage host's {@code 403 AccessDenied}.
 * <p>
 * The embedded storage delays the first {@code PUT} past the URL's one-second lifetime, then checks it, as S3 checks the
 * expiry when the request arrives; or hands out URLs that are expired at once ({@code urlLifetime(Duration.ZERO)}).
 */
@QuarkusTest
@WithTestResource(value = FakeStorageResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "clients", value = "media,documents"))
class UploadRenewalTest {

    private static final String EXPIRED = "AccessDenied: Request has expired";

    @Inject
    StorageClient storage;

    @Inject
    ReactiveStorageClient reactiveStorage;

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

    /** The first PUT arrives after its URL's one second: expired. The second upload's PUT is in time. */
    private void firstPutArrivesAfterItsUrlExpired() {
        fake.urlLifetime(Duration.ofSeconds(1));
        fake.injectFailure("/bucket/", 0, Duration.ofMillis(2_100), null, 1);
    }

    @Test
    void bytesWhoseUrlExpiredGoUnderANewUpload() {
        firstPutArrivesAfterItsUrlExpired();
        byte[] bytes = randomBytes(300_000);

        UploadResult result = storage.upload(bytes, "image/png", "renewed");

        assertRenewedOnceInto(result);
        assertArrayEquals(bytes, fake.bytes(result.key()).orElseThrow());
    }

    @Test
    void aFileWhoseUrlExpiredGoesUnderANewUploadWithTheReactiveClient() throws Exception {
        firstPutArrivesAfterItsUrlExpired();
        Path file = Files.createTempFile("renew-", ".bin");
        file.toFile().deleteOnExit();
        Files.write(file, randomBytes(2 * 1024 * 1024));

        UploadResult result = reactiveStorage.upload(file, "video/mp4", "renewed").await()
                .atMost(Duration.ofSeconds(30));

        assertRenewedOnceInto(result);
        assertArrayEquals(Files.readAllBytes(file), fake.bytes(result.key()).orElseThrow());
    }

    @Test
    void aSecondExpiryIsTheStorageHostsRefusal() {
        fake.urlLifetime(Duration.ZERO);

        StorageAuthException refused = assertThrows(StorageAuthException.class,
                () -> storage.upload(new byte[] { 1, 2, 3 }, "image/png", "expired"));

        assertEquals(403, refused.statusCode());
        assertEquals(EXPIRED, refused.detail());
        assertEquals(2, fake.requests("/uploads").size(), "renewed once only");
        assertEquals(2, puts().size());
        assertEquals(List.of(), fake.objects());
    }

    @Test
    void aStreamIsNotRenewed() {
        fake.urlLifetime(Duration.ZERO);

        StorageAuthException refused = assertThrows(StorageAuthException.class,
                () -> storage.upload(new ByteArrayInputStream(new byte[] { 1, 2, 3 }), 3, "image/png", "expired"));

        assertEquals(EXPIRED, refused.detail());
        assertEquals(1, fake.requests("/uploads").size(), "a stream cannot be read again");
        assertEquals(1, puts().size());
    }

    @Test
    void theRenewalCanBeTurnedOff() {
        fake.urlLifetime(Duration.ZERO);

        try (StorageClient once = StorageClient.builder().baseUrl(baseUrl).apiKey(apiKey).uploadRenewExpired(false)
                .build()) {
            StorageAuthException refused = assertThrows(StorageAuthException.class,
                    () -> once.upload(new byte[] { 1, 2, 3 }, "image/png", "expired"));
            assertEquals(EXPIRED, refused.detail());
        }
        assertEquals(1, fake.requests("/uploads").size());
        assertEquals(1, puts().size());
    }

    /** The new upload's POST is retried like any other: here the service is unavailable once, when it is asked. */
    @Test
    void theNewUploadIsAskedForThroughTheClientsRetries() throws Exception {
        firstPutArrivesAfterItsUrlExpired();
        byte[] bytes = randomBytes(1000);

        CompletableFuture<UploadResult> upload = CompletableFuture.supplyAsync(
                () -> storage.upload(bytes, "image/png", "renewed"));
        // the first PUT has arrived and waits past its URL's expiry: the next POST is the renewal's
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (puts().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        fake.failNext("/uploads", 503, 1);
        UploadResult result = upload.get(30, TimeUnit.SECONDS);

        assertEquals(3, fake.requests("/uploads").size(), "the first upload, the renewal's 503 and its retry");
        List<ReceivedRequest> puts = puts();
        assertEquals(2, puts.size());
        assertEquals("/bucket/" + result.key(), puts.get(1).path());
        assertArrayEquals(bytes, fake.bytes(result.key()).orElseThrow());
    }

    /** Two uploads created, two PUTs, and only the second upload's key stored. */
    private void assertRenewedOnceInto(UploadResult result) {
        assertEquals(2, fake.requests("/uploads").size());
        List<ReceivedRequest> puts = puts();
        assertEquals(2, puts.size());
        assertNotEquals(puts.get(0).path(), puts.get(1).path(), "the renewal has a key of its own");
        assertEquals("/bucket/" + result.key(), puts.get(1).path());
        assertEquals(List.of(result.key()), fake.objects().stream().map(FakeStorage.StoredObject::key).toList());
    }

    private List<ReceivedRequest> puts() {
        return fake.requests().stream().filter(r -> r.method().equals("PUT")).toList();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
