package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The per-request {@code timeout} ends a call that gets no response. A profile of its own: a 1 s timeout also covers
 * the application's first call, which on a busy 2-core machine can take longer than that and would fail any other
 * test sharing it.
 */
@QuarkusTest
@TestProfile(RequestTimeoutTest.OneSecondProfile.class)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RequestTimeoutTest extends WireMockStorageTest {

    public static class OneSecondProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.opengater-storage.retry.max-retries", "0",
                    "quarkus.opengater-storage.timeout", "1S");
        }
    }

    @Inject
    ReactiveStorageClient reactiveStorage;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.opengater-storage.base-url")
    String baseUrl;

    @Test
    void aSlowResponseTimesOutAfterTheTimeout() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(200).withFixedDelay(4_000)
                .withHeader("Content-Type", "application/json").withBody(UPLOAD_JSON)));

        long start = System.nanoTime();
        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> storage.createUpload("image/png"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertNull(failure.statusCode());
        assertEquals("timed out after 1s: POST /uploads", failure.detail());
        assertEquals("POST /uploads failed: timed out after 1s", failure.getMessage());
        // The response would come after 4 s: the call must end at the 1 s timeout, not wait for it (3.5 s leaves a busy
        // machine 2.5 s of headroom and still ends before the response).
        assertTrue(tookMillis >= 900 && tookMillis < 3_500, "took " + tookMillis + " ms");
    }

    /**
     * The attempt's time limit is kept on the caller's event loop, so a reactive caller there hears of the timeout on
     * its own thread, as it hears of every other outcome.
     */
    @Test
    void aReactiveCallerOnAnEventLoopHearsOfTheTimeoutOnItsThread() throws Exception {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(200).withFixedDelay(4_000)
                .withHeader("Content-Type", "application/json").withBody(UPLOAD_JSON)));
        CompletableFuture<String> subscribedOn = new CompletableFuture<>();
        CompletableFuture<String> failedOn = new CompletableFuture<>();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();

        Context context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> {
            subscribedOn.complete(Thread.currentThread().getName());
            reactiveStorage.createUpload("image/png").subscribe().with(
                    result -> failure.completeExceptionally(new AssertionError("no timeout: " + result)),
                    error -> {
                        failedOn.complete(Thread.currentThread().getName());
                        failure.complete(error);
                    });
        });

        StorageUnavailableException timedOut = (StorageUnavailableException) failure.get(10, TimeUnit.SECONDS);
        assertEquals("timed out after 1s: POST /uploads", timedOut.detail());
        assertTrue(subscribedOn.get().startsWith("vert.x-eventloop-thread-"), subscribedOn.get());
        assertEquals(subscribedOn.get(), failedOn.get());
    }

    /** A timed-out attempt is unavailability: retried like a 503, and typed the same way when the retries run out. */
    @Test
    void aTimedOutAttemptIsRetried() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(200).withFixedDelay(4_000)
                .withHeader("Content-Type", "application/json").withBody(UPLOAD_JSON)));

        try (StorageClient retrying = StorageClient.builder().baseUrl(baseUrl).apiKey(WireMockStorage.API_KEY)
                .timeout(Duration.ofMillis(300)).maxRetries(2).retryDelay(Duration.ofMillis(10)).build()) {
            StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                    () -> retrying.createUpload("image/png"));

            assertNull(failure.statusCode());
            assertEquals("timed out after 300ms: POST /uploads", failure.detail());
        }
        assertEquals(3, requestsTo(UPLOADS));
    }
}
