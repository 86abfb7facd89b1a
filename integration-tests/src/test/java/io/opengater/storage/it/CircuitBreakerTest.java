package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * After repeated unavailability the breaker opens, and calls then fail at once without reaching the service.
 */
@QuarkusTest
@TestProfile(CircuitBreakerTest.BreakerProfile.class)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CircuitBreakerTest extends WireMockStorageTest {

    public static class BreakerProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.opengater-storage.circuit-breaker.enabled", "true",
                    "quarkus.opengater-storage.circuit-breaker.request-volume-threshold", "4",
                    "quarkus.opengater-storage.circuit-breaker.failure-ratio", "0.5",
                    "quarkus.opengater-storage.circuit-breaker.delay", "1M",
                    "quarkus.opengater-storage.retry.max-retries", "0");
        }
    }

    @Test
    void theBreakerOpensAndThenFailsWithoutSending() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(503)));

        for (int i = 0; i < 4; i++) {
            StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                    () -> storage.createUpload("image/png"));
            assertEquals(503, failure.statusCode());
        }
        StorageUnavailableException open = assertThrows(StorageUnavailableException.class,
                () -> storage.createUpload("image/png"));

        assertNull(open.statusCode());
        assertEquals("circuit breaker is open after repeated failures, call not sent: POST /uploads", open.detail());
        assertEquals(4, requestsTo(UPLOADS));
    }
}
