package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.it.support.CapturedLogs;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The query of a presigned URL is a credential: no part of it ({@code X-Amz-Signature}, {@code X-Amz-Credential},
 * {@code X-Amz-Security-Token}, any other parameter) appears in an exception (message, detail, operation, causes,
 * stack trace), a {@code toString()} or a log record at any level, the REST client's request log included, whether
 * the upload succeeds, is refused, times out, is reset or is retried; a malformed {@code upload_url} is a typed
 * error that does not quote it.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PresignedQuerySecrecyTest extends WireMockStorageTest {

    private static final String BUCKET_PATH = "/bucket/secret/object.png";
    /** Every parameter carries a marker that is searched for in everything the extension emits. */
    private static final List<String> MARKERS = List.of("SIGMARK7f3a", "CREDMARK19bc", "TOKMARK5d2e", "OTHERMARK88a1");
    private static final String QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + MARKERS.get(1)
            + "%2F20261201%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=" + MARKERS.get(2)
            + "&X-Amz-Signature=" + MARKERS.get(0) + "&x-id=" + MARKERS.get(3);

    @Inject
    ReactiveStorageClient reactiveStorage;

    /** Logged at every level during each test: the client, the REST client, Vert.x and Netty. */
    private static final List<String> VERBOSE = List.of("io.opengater", "io.vertx", "io.netty",
            "io.quarkus.rest.client", "org.jboss.resteasy.reactive.client");

    private CapturedLogs logs;
    private final List<Level> levels = new ArrayList<>();

    @BeforeEach
    void captureEverything() {
        logs = CapturedLogs.start();
        for (String category : VERBOSE) {
            levels.add(Logger.getLogger(category).getLevel());
            Logger.getLogger(category).setLevel(Level.ALL);
        }
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
        for (int i = 0; i < VERBOSE.size(); i++) {
            Logger.getLogger(VERBOSE.get(i)).setLevel(levels.get(i));
        }
    }

    private String uploadUrl() {
        return wireMock.baseUrl() + BUCKET_PATH + "?" + QUERY;
    }

    private void serviceHandsOut(String uploadUrl) {
        wireMock.stubFor(post(UPLOADS).willReturn(okJson("{\"upload_url\": \"" + uploadUrl + "\", \"key\":"
                + " \"secret/object.png\", \"public_url\": \"https://cdn.example/secret/object.png\"}")));
    }

    @Test
    void aSuccessfulUploadShowsNoQuery() {
        serviceHandsOut(uploadUrl());
        wireMock.stubFor(put(urlPathEqualTo(BUCKET_PATH)).willReturn(aResponse().withStatus(200)));

        UploadResult created = storage.createUpload("image/png", "secret");
        UploadResult uploaded = storage.upload(new byte[] { 1, 2, 3 }, "image/png", "secret");
        UploadResult reactive = reactiveStorage.upload(new byte[] { 4 }, "image/png", "secret").await()
                .atMost(Duration.ofSeconds(30));

        assertEquals(uploadUrl(), uploaded.uploadUrl(), "the caller still gets the whole URL");
        for (UploadResult result : List.of(created, uploaded, reactive)) {
            assertNoMarker(result.toString());
            assertTrue(result.toString().contains(BUCKET_PATH), result.toString());
        }
        assertLogsHaveNoMarker();
    }

    @Test
    void aRefusedUploadShowsNoQuery() {
        serviceHandsOut(uploadUrl());
        wireMock.stubFor(put(urlPathEqualTo(BUCKET_PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated"
                        + " does not match</Message></Error>")));

        StorageAuthException refused = assertThrows(StorageAuthException.class,
                () -> storage.upload(new byte[] { 1 }, "image/png", "secret"));

        assertEquals("PUT " + wireMock.baseUrl() + BUCKET_PATH, refused.operation());
        assertNoMarker(refused);
        assertLogsHaveNoMarker();
    }

    @Test
    void resetRetriedAndTimedOutUploadsShowNoQuery() {
        serviceHandsOut(uploadUrl());
        wireMock.stubFor(put(urlPathEqualTo(BUCKET_PATH))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        StorageUnavailableException reset = assertThrows(StorageUnavailableException.class,
                () -> storage.upload(new byte[] { 1 }, "image/png", "secret"));
        assertNull(reset.statusCode());
        assertNotNull(reset.detail());
        assertNoMarker(reset);

        wireMock.stubFor(put(urlPathEqualTo(BUCKET_PATH)).willReturn(aResponse().withStatus(503)));
        StorageUnavailableException retried = assertThrows(StorageUnavailableException.class,
                () -> storage.upload(new byte[] { 1 }, "image/png", "secret"));
        assertEquals(503, retried.statusCode());
        assertNoMarker(retried);

        wireMock.stubFor(put(urlPathEqualTo(BUCKET_PATH)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3_000)));
        try (StorageClient impatient = StorageClient.builder().baseUrl(wireMock.baseUrl() + "/storage")
                .apiKey(WireMockStorage.API_KEY).maxRetries(0).uploadTimeout(Duration.ofMillis(500)).build()) {
            StorageUnavailableException timedOut = assertThrows(StorageUnavailableException.class,
                    () -> impatient.upload(new byte[] { 1 }, "image/png", "secret"));
            assertTrue(timedOut.detail().startsWith("timed out"), timedOut.detail());
            assertNoMarker(timedOut);
        }

        serviceHandsOut("http://127.0.0.1:9" + BUCKET_PATH + "?" + QUERY);
        StorageUnavailableException refused = assertThrows(StorageUnavailableException.class,
                () -> storage.upload(new byte[] { 1 }, "image/png", "secret"));
        assertTrue(refused.detail().startsWith("connection failed"), refused.detail());
        assertNoMarker(refused);
        assertLogsHaveNoMarker();
    }

    @Test
    void aMalformedUploadUrlIsATypedErrorThatDoesNotQuoteIt() {
        for (String malformed : List.of(
                wireMock.baseUrl() + "/bucket/with space.png?" + QUERY,
                "/bucket/no-scheme.png?" + QUERY,
                "ftp://s3.example/bucket/object.png?" + QUERY,
                "https:///no-host.png?" + QUERY,
                "not a url at all ?" + QUERY)) {
            wireMock.resetRequests();
            serviceHandsOut(malformed.replace("\"", ""));

            StorageException create = assertThrows(StorageException.class,
                    () -> storage.createUpload("image/png", "secret"));
            StorageException upload = assertThrows(StorageException.class,
                    () -> storage.upload(new byte[] { 1 }, "image/png", "secret"));

            for (StorageException failure : List.of(create, upload)) {
                assertEquals(StorageException.class, failure.getClass(), malformed);
                assertEquals(200, failure.statusCode());
                assertEquals("POST /uploads", failure.operation());
                assertTrue(failure.detail().contains("upload_url"), failure.detail());
                assertNull(failure.getCause() == null ? null : failure.getCause().getMessage() + "",
                        "no cause that could quote the URL");
                assertNoMarker(failure);
            }
            // not retried (the default client has two retries), and no PUT
            assertEquals(2, requestsTo(UPLOADS), malformed);
            assertEquals(0, wireMock.getAllServeEvents().stream()
                    .filter(event -> event.getRequest().getMethod().getName().equals("PUT")).count());
        }
        assertLogsHaveNoMarker();
    }

    private void assertLogsHaveNoMarker() {
        assertFalse(logs.lines().isEmpty(), "nothing was captured");
        assertTrue(logs.lines().stream().anyMatch(line -> line.contains("/storage/uploads")),
                "the REST client's request log was not captured");
        for (String line : logs.lines()) {
            assertNoMarker(line);
        }
    }

    private static void assertNoMarker(StorageException failure) {
        assertNoMarker(CapturedLogs.stackTrace(failure));
        assertNoMarker(String.valueOf(failure.detail()));
        assertNoMarker(String.valueOf(failure.operation()));
        assertNoMarker(failure.toString());
    }

    private static void assertNoMarker(String text) {
        for (String marker : MARKERS) {
            assertFalse(text.contains(marker), () -> "a part of the presigned query was given away: " + text);
        }
    }

}
