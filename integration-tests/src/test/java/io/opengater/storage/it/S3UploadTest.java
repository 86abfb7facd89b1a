package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageBadRequestException;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.it.support.BreakingProxy;
import io.opengater.storage.it.support.S3ProxyProcess;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code upload(...)} against a real S3 API: WireMock plays the service and hands out SigV4 presigned URLs made with
 * the AWS SDK's presigner for S3Proxy, which checks them, the signed {@code Content-Type} included, and the
 * {@code Content-MD5} the client sends (not signed); an expired URL gets a new upload once.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class S3UploadTest extends WireMockStorageTest {

    private static final String BUCKET = "media";

    private static S3ProxyProcess s3proxy;
    private static S3Client s3;
    private static S3Presigner presigner;

    @BeforeAll
    static void startS3Proxy() {
        s3proxy = S3ProxyProcess.start();
        s3 = s3proxy.client();
        presigner = s3proxy.presigner();
        s3.createBucket(bucket -> bucket.bucket(BUCKET));
    }

    @AfterAll
    static void stopS3Proxy() {
        if (presigner != null) {
            presigner.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (s3proxy != null) {
            s3proxy.close();
        }
    }

    /** The service's response: a presigned PUT for {@code key}, valid for {@code validity}. */
    private String serviceHandsOut(String key, String contentType, Duration validity) {
        String url = presign(presigner, key, contentType, validity);
        wireMock.stubFor(post(UPLOADS).willReturn(upload(url, key)));
        return url;
    }

    private static String presign(S3Presigner presigner, String key, String contentType, Duration validity) {
        return presigner.presignPutObject(put -> put.signatureDuration(validity)
                .putObjectRequest(object -> object.bucket(BUCKET).key(key).contentType(contentType)))
                .url().toString();
    }

    private static ResponseDefinitionBuilder upload(String url, String key) {
        return okJson(new JsonObject().put("upload_url", url).put("key", key)
                .put("public_url", s3proxy.endpoint() + "/" + BUCKET + "/" + key).encode());
    }

    private static boolean stored(String key) {
        return s3.listObjectsV2(list -> list.bucket(BUCKET)).contents().stream().anyMatch(o -> o.key().equals(key));
    }

    @Test
    void aFileLandsInS3WithTheSameBytes() throws Exception {
        String key = "avatars/" + UUID.randomUUID() + ".png";
        serviceHandsOut(key, "image/png", Duration.ofMinutes(5));
        byte[] bytes = new byte[2 * 1024 * 1024 + 3];
        new Random(7).nextBytes(bytes);
        Path file = Files.createTempFile("s3-", ".png");
        Files.write(file, bytes);

        assertEquals(key, storage.upload(file, "image/png", "avatars").key());

        var stored = s3.getObjectAsBytes(object -> object.bucket(BUCKET).key(key));
        assertArrayEquals(bytes, stored.asByteArray());
        assertEquals("image/png", stored.response().contentType());
        Files.delete(file);
    }

    @Test
    void bytesFromMemoryAndStreamsLandToo() {
        String key = "docs/" + UUID.randomUUID() + ".pdf";
        serviceHandsOut(key, "application/pdf", Duration.ofMinutes(5));
        byte[] bytes = "%PDF-1.7 not really".getBytes();

        storage.upload(new ByteArrayInputStream(bytes), bytes.length, "application/pdf", "docs");

        assertArrayEquals(bytes, s3.getObjectAsBytes(object -> object.bucket(BUCKET).key(key)).asByteArray());
    }

    @Test
    void aTamperedUrlIsRefusedWithSignatureDoesNotMatch() {
        String key = "tampered/" + UUID.randomUUID() + ".png";
        String url = serviceHandsOut(key, "image/png", Duration.ofMinutes(5));
        String tampered = url.replace("X-Amz-Signature=", "X-Amz-Signature=0");
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(new JsonObject().put("upload_url", tampered)
                .put("key", key).put("public_url", "http://cdn.example/" + key).encode())));

        StorageAuthException refused = assertThrows(StorageAuthException.class,
                () -> storage.upload(new byte[] { 1, 2, 3 }, "image/png", "tampered"));

        assertEquals(403, refused.statusCode());
        assertTrue(refused.detail().startsWith("SignatureDoesNotMatch"), refused.detail());
    }

    /** The service hands out the same expired URL twice: the client renews once, then reports S3's refusal. */
    @Test
    void anUrlThatHasExpiredAgainIsRefusedWithAccessDenied() throws Exception {
        String key = "expired/" + UUID.randomUUID() + ".png";
        serviceHandsOut(key, "image/png", Duration.ofSeconds(1));
        Thread.sleep(2_100);

        StorageAuthException refused = assertThrows(StorageAuthException.class,
                () -> storage.upload(new byte[] { 1, 2, 3 }, "image/png", "expired"));

        assertEquals(403, refused.statusCode());
        assertEquals("AccessDenied: Request has expired", refused.detail());
        assertEquals(2, requestsTo(UPLOADS), "renewed once");
        assertFalse(stored(key));
    }

    @Test
    void anExpiredUrlIsReplacedByANewUploadAndTheBytesGoUnderItsKey() throws Exception {
        String expiredKey = "renewed/" + UUID.randomUUID() + ".png";
        String freshKey = "renewed/" + UUID.randomUUID() + ".png";
        String expired = presign(presigner, expiredKey, "image/png", Duration.ofSeconds(1));
        String fresh = presign(presigner, freshKey, "image/png", Duration.ofMinutes(5));
        wireMock.stubFor(post(UPLOADS).inScenario("renewal").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(upload(expired, expiredKey)).willSetStateTo("renewed"));
        wireMock.stubFor(post(UPLOADS).inScenario("renewal").whenScenarioStateIs("renewed")
                .willReturn(upload(fresh, freshKey)));
        Thread.sleep(2_100);
        byte[] bytes = new byte[100_000];
        new Random(9).nextBytes(bytes);

        UploadResult result = storage.upload(bytes, "image/png", "renewed");

        assertEquals(freshKey, result.key());
        assertArrayEquals(bytes, s3.getObjectAsBytes(object -> object.bucket(BUCKET).key(freshKey)).asByteArray());
        assertFalse(stored(expiredKey));
        assertEquals(2, requestsTo(UPLOADS));
    }

    /**
     * S3 checks the {@code Content-MD5} that the client sends: a file changed after its MD5 was taken (as its PUT
     * starts) is refused and nothing is stored.
     */
    @Test
    void aFileChangedAfterItsMd5IsRefusedWithBadDigest() throws Exception {
        String key = "changed/" + UUID.randomUUID() + ".png";
        serviceHandsOut(key, "image/png", Duration.ofMinutes(5));
        byte[] bytes = new byte[1024 * 1024];
        new Random(8).nextBytes(bytes);
        Path file = Files.createTempFile("s3-changed-", ".png");
        Files.write(file, bytes);
        AtomicBoolean changed = new AtomicBoolean();

        StorageBadRequestException refused = assertThrows(StorageBadRequestException.class,
                () -> storage.upload(file, "image/png", "changed", (sent, total) -> {
                    if (changed.compareAndSet(false, true)) {
                        bytes[0] ^= (byte) 0xff;
                        try {
                            Files.write(file, bytes);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }));

        assertEquals(400, refused.statusCode());
        assertTrue(refused.detail().startsWith("BadDigest"), refused.detail());
        assertFalse(stored(key));
        Files.delete(file);
    }

    /** A proxy between the client and S3Proxy inverts a byte of the body: S3Proxy refuses it by its MD5. */
    @Test
    void bytesChangedOnTheWayAreRefusedWithBadDigest() {
        String key = "flipped/" + UUID.randomUUID() + ".bin";
        byte[] bytes = new byte[1024 * 1024];
        new Random(10).nextBytes(bytes);
        try (BreakingProxy proxy = BreakingProxy.flippingByteAt(s3proxy.port(), 64 * 1024);
                S3Presigner viaProxy = s3proxy.presigner("http://127.0.0.1:" + proxy.port())) {
            wireMock.stubFor(post(UPLOADS).willReturn(upload(presign(viaProxy, key, "application/octet-stream",
                    Duration.ofMinutes(5)), key)));

            StorageBadRequestException refused = assertThrows(StorageBadRequestException.class,
                    () -> storage.upload(bytes, "application/octet-stream", "flipped"));

            assertEquals(1, proxy.flipped());
            assertEquals(400, refused.statusCode());
            assertTrue(refused.detail().startsWith("BadDigest"), refused.detail());
            assertFalse(stored(key));
        }
    }
}
