package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.opengater.storage.it.CallsResource.Outcome;
import io.opengater.storage.it.support.BreakingProxy;
import io.opengater.storage.it.support.Calls;
import io.opengater.storage.it.support.InjectWireMock;
import io.opengater.storage.it.support.NoBreakerProfile;
import io.opengater.storage.it.support.S3ProxyProcess;
import io.opengater.storage.it.support.WireMockStorage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code upload(Path, ...)} and {@code upload(byte[], ...)} of the packaged application (the native executable under
 * {@code -Pnative}) against a real S3 API: WireMock plays the service and hands out SigV4 presigned URLs that the AWS
 * SDK signed for S3Proxy (a process of its own), which checks them, the signed {@code Content-Type} included. What is
 * stored is read back with the SDK and compared byte for byte (a 50 MiB file by its SHA-256). S3Proxy also checks the
 * {@code Content-MD5} the application sends, and an expired URL is replaced by a new upload.
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
@TestProfile(NoBreakerProfile.class)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class S3UploadIT {

    private static final String BUCKET = "native";

    private static S3ProxyProcess s3proxy;
    private static S3Client s3;
    private static S3Presigner presigner;

    @InjectWireMock
    WireMockServer service;

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

    @BeforeEach
    void reset() {
        service.resetAll();
    }

    /** The service's response to the next {@code POST /uploads}: a PUT of {@code key} presigned for {@code signed}. */
    private void serviceHandsOut(String key, String signed) {
        String url = presigner.presignPutObject(put -> put.signatureDuration(Duration.ofMinutes(10))
                .putObjectRequest(object -> object.bucket(BUCKET).key(key).contentType(signed))).url().toString();
        service.stubFor(post("/storage/uploads").willReturn(okJson(new JsonObject().put("upload_url", url)
                .put("key", key).put("public_url", s3proxy.endpoint() + "/" + BUCKET + "/" + key).encode())));
    }

    @Test
    void aFileOf50MiBLandsWithTheSameBytesAndItsContentType() throws Exception {
        String key = "videos/" + UUID.randomUUID() + ".mp4";
        serviceHandsOut(key, "video/mp4");
        Path file = Files.createTempFile("native-upload-", ".mp4");
        byte[] written = writeRandom(file, 50 * 1024 * 1024);

        Outcome outcome = Calls.uploadFile(Calls.DEFAULT, file, "video/mp4", "videos");

        assertNull(outcome.error(), outcome.message());
        assertEquals(key, outcome.result().key());
        try (ResponseInputStream<GetObjectResponse> stored = s3.getObject(object -> object.bucket(BUCKET).key(key))) {
            assertEquals("video/mp4", stored.response().contentType());
            assertEquals(Files.size(file), stored.response().contentLength());
            assertArrayEquals(written, sha256(stored));
        }
        service.verify(postRequestedFor(urlPathEqualTo("/storage/uploads"))
                .withRequestBody(equalToJson("{\"content_type\": \"video/mp4\", \"prefix\": \"videos\"}")));
        Files.delete(file);
    }

    @Test
    void bytesFromMemoryLandToo() {
        String key = "docs/" + UUID.randomUUID() + ".pdf";
        serviceHandsOut(key, "application/pdf");
        byte[] bytes = new byte[300_001];
        new Random(11).nextBytes(bytes);

        Outcome outcome = Calls.uploadBytes(Calls.DEFAULT, bytes, "application/pdf", "docs");

        assertNull(outcome.error(), outcome.message());
        var stored = s3.getObjectAsBytes(object -> object.bucket(BUCKET).key(key));
        assertArrayEquals(bytes, stored.asByteArray());
        assertEquals("application/pdf", stored.response().contentType());
    }

    @Test
    void aContentTypeOtherThanTheSignedOneIsRefused() {
        String key = "images/" + UUID.randomUUID() + ".png";
        serviceHandsOut(key, "image/png");

        Outcome outcome = Calls.uploadBytes(Calls.DEFAULT, new byte[] { 1, 2, 3 }, "image/jpeg", "images");

        assertEquals("StorageAuthException", outcome.error());
        assertEquals(403, outcome.status());
        assertTrue(outcome.detail().startsWith("SignatureDoesNotMatch"), outcome.detail());
    }

    /** The application sends Content-MD5, which S3Proxy checks: a byte inverted on the way is refused. */
    @Test
    void bytesChangedOnTheWayAreRefusedWithBadDigestAndNotStored() {
        String key = "flipped/" + UUID.randomUUID() + ".bin";
        try (BreakingProxy proxy = BreakingProxy.flippingByteAt(s3proxy.port(), 64 * 1024);
                S3Presigner viaProxy = s3proxy.presigner("http://127.0.0.1:" + proxy.port())) {
            String url = viaProxy.presignPutObject(put -> put.signatureDuration(Duration.ofMinutes(10))
                    .putObjectRequest(object -> object.bucket(BUCKET).key(key).contentType("application/pdf")))
                    .url().toString();
            service.stubFor(post("/storage/uploads").willReturn(okJson(new JsonObject().put("upload_url", url)
                    .put("key", key).put("public_url", s3proxy.endpoint() + "/" + BUCKET + "/" + key).encode())));

            Outcome outcome = Calls.uploadBytes(Calls.DEFAULT, new byte[300_001], "application/pdf", "flipped");

            assertEquals(1, proxy.flipped());
            assertEquals("StorageBadRequestException", outcome.error());
            assertEquals(400, outcome.status());
            assertTrue(outcome.detail().startsWith("BadDigest"), outcome.detail());
            assertTrue(s3.listObjectsV2(list -> list.bucket(BUCKET)).contents().stream()
                    .noneMatch(object -> object.key().equals(key)), "stored anyway");
        }
    }

    /** The first URL the service hands out has expired: the application asks for a new upload and uses it. */
    @Test
    void anExpiredUrlIsReplacedByANewUpload() throws Exception {
        String expiredKey = "renewed/" + UUID.randomUUID() + ".pdf";
        String freshKey = "renewed/" + UUID.randomUUID() + ".pdf";
        service.stubFor(post("/storage/uploads").inScenario("renewal").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(upload(expiredKey, Duration.ofSeconds(1))).willSetStateTo("renewed"));
        service.stubFor(post("/storage/uploads").inScenario("renewal").whenScenarioStateIs("renewed")
                .willReturn(upload(freshKey, Duration.ofMinutes(10))));
        Thread.sleep(2_100);
        byte[] bytes = new byte[1000];
        new Random(12).nextBytes(bytes);

        Outcome outcome = Calls.uploadBytes(Calls.DEFAULT, bytes, "application/pdf", "renewed");

        assertNull(outcome.error(), outcome.message());
        assertEquals(freshKey, outcome.result().key());
        assertArrayEquals(bytes, s3.getObjectAsBytes(object -> object.bucket(BUCKET).key(freshKey)).asByteArray());
        assertEquals(2, Calls.requests(service));
    }

    private ResponseDefinitionBuilder upload(String key, Duration validity) {
        String url = presigner.presignPutObject(put -> put.signatureDuration(validity)
                .putObjectRequest(object -> object.bucket(BUCKET).key(key).contentType("application/pdf")))
                .url().toString();
        return okJson(new JsonObject().put("upload_url", url).put("key", key)
                .put("public_url", s3proxy.endpoint() + "/" + BUCKET + "/" + key).encode());
    }

    /** Fills {@code file} with {@code size} random bytes and returns their SHA-256. */
    private static byte[] writeRandom(Path file, int size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(5);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                digest.update(chunk);
                out.write(chunk);
            }
        }
        return digest.digest();
    }

    private static byte[] sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return digest.digest();
    }
}
