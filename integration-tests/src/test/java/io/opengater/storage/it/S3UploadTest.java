package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.opengater.storage.client.StorageAuthException;
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
 * the AWS SDK's presigner for S3Proxy, which checks them, the signed {@code Content-Type} included.
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
        String url = presigner.presignPutObject(put -> put.signatureDuration(validity)
                .putObjectRequest(object -> object.bucket(BUCKET).key(key).contentType(contentType)))
                .url().toString();
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(new JsonObject().put("upload_url", url).put("key", key)
                .put("public_url", s3proxy.endpoint() + "/" + BUCKET + "/" + key).encode())));
        return url;
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

    @Test
    void anExpiredUrlIsRefusedWithAccessDenied() throws Exception {
        String key = "expired/" + UUID.randomUUID() + ".png";
        serviceHandsOut(key, "image/png", Duration.ofSeconds(1));
        Thread.sleep(2_100);

        StorageAuthException refused = assertThrows(StorageAuthException.class,
                () -> storage.upload(new byte[] { 1, 2, 3 }, "image/png", "expired"));

        assertEquals(403, refused.statusCode());
        assertTrue(refused.detail().startsWith("AccessDenied"), refused.detail());
    }
}
