package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

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
}
