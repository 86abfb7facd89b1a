package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Retries, counted in the requests WireMock received: {@code retry.max-retries} is 2 (the default) here.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RetryTest extends WireMockStorageTest {

    @Test
    void twoUnavailableResponsesThenSuccessMakeExactlyThreeRequests() {
        wireMock.stubFor(post(UPLOADS).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        wireMock.stubFor(post(UPLOADS).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
        wireMock.stubFor(post(UPLOADS).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(okJson(UPLOAD_JSON)));

        UploadResult result = storage.createUpload("image/png", "news/articles");

        assertEquals("news/articles/2f9c.png", result.key());
        assertEquals(3, requestsTo(UPLOADS));
    }

    @Test
    void aLastingUnavailabilityFailsAfterOnePlusMaxRetriesRequests() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"overloaded\"}")));

        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> storage.createUpload("image/png"));

        assertEquals(503, failure.statusCode());
        assertEquals("overloaded", failure.detail());
        assertEquals(3, requestsTo(UPLOADS));
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 403, 404, 409, 422 })
    void clientErrorsAreNeverRetried(int status) {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(status)));
        wireMock.stubFor(delete(OBJECTS).willReturn(aResponse().withStatus(status)));

        StorageException upload = assertThrows(StorageException.class, () -> storage.createUpload("image/png"));
        StorageException delete = assertThrows(StorageException.class, () -> storage.deleteByKey("a.png"));

        assertEquals(status, upload.statusCode());
        assertEquals(status, delete.statusCode());
        assertEquals(1, requestsTo(UPLOADS));
        assertEquals(1, requestsTo(OBJECTS));
    }

    @Test
    void retryAfterOnA429IsHonoured() {
        wireMock.stubFor(post(UPLOADS).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        wireMock.stubFor(post(UPLOADS).inScenario("throttled").whenScenarioStateIs("open")
                .willReturn(okJson(UPLOAD_JSON)));

        long waitedMillis;
        // a cap far above the Retry-After, so that a wait up to the cap cannot pass for honouring it
        try (StorageClient patient = StorageClient.builder().baseUrl(wireMock.baseUrl() + "/storage")
                .apiKey(WireMockStorage.API_KEY).retryDelay(Duration.ofMillis(10))
                .retryMaxDelay(Duration.ofSeconds(20)).build()) {
            long start = System.nanoTime();
            patient.createUpload("image/png");
            waitedMillis = (System.nanoTime() - start) / 1_000_000;
        }

        assertEquals(2, requestsTo(UPLOADS));
        // The retry delay here is 10 ms: only Retry-After explains a wait of a second.
        assertTrue(waitedMillis >= 950, "waited " + waitedMillis + " ms");
        assertTrue(waitedMillis < 5_000, "waited " + waitedMillis + " ms, far more than the Retry-After");
    }

    @Test
    void retryAfterIsCappedByMaxDelay() {
        wireMock.stubFor(post(UPLOADS).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")).willSetStateTo("open"));
        wireMock.stubFor(post(UPLOADS).inScenario("throttled").whenScenarioStateIs("open")
                .willReturn(okJson(UPLOAD_JSON)));

        long start = System.nanoTime();
        storage.createUpload("image/png");
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        // max-delay is 3S in this profile: an hour's Retry-After must not be waited for.
        assertTrue(waitedMillis >= 2_900 && waitedMillis < 10_000, "waited " + waitedMillis + " ms");
    }
}
