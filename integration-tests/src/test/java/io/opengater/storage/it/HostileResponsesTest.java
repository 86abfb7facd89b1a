package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.it.support.EndlessResponse;
import io.opengater.storage.it.support.InjectWireMock;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Responses a careless proxy or a hostile host could give: a body that trickles in, a 50 MB body, a body without end,
 * a gzip body the client did not ask for, a chunked body, and a redirect to another host. Each ends in a result or a
 * typed exception, within the time limit; no more than 1 MiB of a response is read, and the key never leaves for the
 * other host.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HostileResponsesTest extends WireMockStorageTest {

    static final int FIFTY_MB = 50 * 1024 * 1024;
    static final String TOO_LONG = "the response is longer than 1 MiB; the rest was not read";

    @InjectWireMock("media")
    WireMockServer otherHost;

    private final StorageClient client = client(Duration.ofSeconds(2));
    /** For the 50 MB responses, which take a few seconds on a busy 2-core machine. */
    private final StorageClient patientClient = client(Duration.ofSeconds(30));

    @AfterEach
    void close() {
        client.close();
        patientClient.close();
        otherHost.resetAll();
    }

    private static StorageClient client(Duration timeout) {
        return StorageClient.builder().baseUrl(baseUrl()).apiKey(WireMockStorage.API_KEY).maxRetries(0)
                .timeout(timeout).uploadTimeout(timeout).build();
    }

    private static String baseUrl() {
        return ConfigProvider.getConfig()
                .getValue("quarkus.opengater-storage.base-url", String.class);
    }

    @Test
    void aBodyThatTricklesInTimesOut() {
        // about one byte every 250 ms
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON)
                .withChunkedDribbleDelay(UPLOAD_JSON.length(), UPLOAD_JSON.length() * 250)));

        long began = System.nanoTime();
        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> client.createUpload("image/png"));
        long millis = (System.nanoTime() - began) / 1_000_000;

        assertNull(failure.statusCode());
        assertTrue(failure.detail().startsWith("timed out after 2s"), failure.detail());
        // the trickle would last about 45 s; the 2 s timeout ends it long before
        assertTrue(millis < 10_000, "took " + millis + " ms");
    }

    @Test
    void aFiftyMegabyteErrorBodyBecomesAShortDetail() {
        byte[] huge = new byte[FIFTY_MB];
        Arrays.fill(huge, (byte) 'x');
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody(huge)));

        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> patientClient.createUpload("image/png"));

        assertEquals(502, failure.statusCode());
        assertEquals(2_000, failure.detail().length());
    }

    @Test
    void aFiftyMegabyteSuccessBodyIsReadOnlyToTheLimit() {
        byte[] huge = new byte[FIFTY_MB];
        Arrays.fill(huge, (byte) '[');
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(huge)));

        StorageException failure = assertThrows(StorageException.class,
                () -> patientClient.createUpload("image/png"));

        assertSame(StorageException.class, failure.getClass());
        assertEquals(200, failure.statusCode());
        assertEquals(TOO_LONG, failure.detail());
    }

    /**
     * A host that sends a chunked response without end: the client stops reading after 1 MiB and closes, so the host
     * gets rid of about that much plus what the sockets' buffers hold, not the 30 s of the timeout's worth.
     */
    @Test
    void anEndlessResponseIsReadOnlyToTheLimit() throws Exception {
        StorageException failure = endlessResponse(200);

        assertSame(StorageException.class, failure.getClass());
        assertEquals(TOO_LONG, failure.detail());
    }

    @Test
    void anEndlessErrorPageIsReadOnlyToTheLimit() throws Exception {
        StorageException failure = endlessResponse(502);

        assertSame(StorageUnavailableException.class, failure.getClass());
        assertEquals("x".repeat(2_000), failure.detail());
    }

    private static StorageException endlessResponse(int status) throws Exception {
        try (EndlessResponse host = new EndlessResponse(status)) {
            StorageClient endless = StorageClient.builder().baseUrl(host.baseUrl()).apiKey(WireMockStorage.API_KEY)
                    .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
            StorageException failure;
            long millis;
            try {
                long began = System.nanoTime();
                failure = assertThrows(StorageException.class, () -> endless.createUpload("image/png"));
                millis = (System.nanoTime() - began) / 1_000_000;
            } finally {
                endless.close();
            }
            long sent = host.awaitSent();
            assertEquals(status, failure.statusCode());
            assertTrue(millis < 20_000, "took " + millis + " ms");
            assertTrue(sent < 32L * 1024 * 1024, "the host could send " + sent + " bytes");
            return failure;
        }
    }

    /**
     * The storage host's error document, followed by a body without end: the client reads the 64 KiB it needs for the
     * detail, then drops the connection, so the host gets rid of about that much plus the sockets' buffers.
     */
    @Test
    void theStorageHostsEndlessErrorIsReadOnlyAsFarAsNeeded() throws Exception {
        try (EndlessResponse host = new EndlessResponse(403, "application/xml",
                // not an expiry, which would ask for a new upload: this host answers one request only
                "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")) {
            String uploadUrl = host.baseUrl() + "/bucket/k.png?X-Amz-Signature=abc";
            wireMock.stubFor(post(UPLOADS).willReturn(okJson("{\"upload_url\": \"" + uploadUrl
                    + "\", \"key\": \"k.png\", \"public_url\": \"https://cdn.example/k.png\"}")));

            StorageAuthException failure = assertThrows(StorageAuthException.class,
                    () -> patientClient.upload(new byte[] { 1, 2, 3 }, "image/png", "x"));

            assertEquals(403, failure.statusCode());
            assertEquals("AccessDenied: Access Denied", failure.detail());
            long sent = host.awaitSent();
            assertTrue(sent < 32L * 1024 * 1024, "the host could send " + sent + " bytes");
        }
    }

    @Test
    void aGzipBodyIsRead() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(UPLOAD_JSON.getBytes(StandardCharsets.UTF_8));
        }
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip")
                .withBody(zipped.toByteArray())));

        UploadResult result = client.createUpload("image/png");

        assertEquals("news/articles/2f9c.png", result.key());
    }

    @Test
    void aGzipBombIsReadOnlyToTheLimitOnceInflated() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(new byte[FIFTY_MB]);
        }
        assertTrue(zipped.size() < 1024 * 1024, "the bomb is " + zipped.size() + " bytes zipped");
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip")
                .withBody(zipped.toByteArray())));

        StorageException failure = assertThrows(StorageException.class,
                () -> patientClient.createUpload("image/png"));

        assertEquals(200, failure.statusCode());
        assertEquals(TOO_LONG, failure.detail());
    }

    @Test
    void aChunkedBodyIsRead() {
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON).withChunkedDribbleDelay(7, 70)));

        assertEquals("news/articles/2f9c.png", client.createUpload("image/png").key());
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowed() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(307)
                .withHeader("Location", otherHost.baseUrl() + "/steal/uploads")));

        StorageException failure = assertThrows(StorageException.class, () -> client.createUpload("image/png"));

        assertEquals(307, failure.statusCode());
        assertTrue(otherHost.findAll(anyRequestedFor(anyUrl())).isEmpty(), "the other host was called");
    }
}
