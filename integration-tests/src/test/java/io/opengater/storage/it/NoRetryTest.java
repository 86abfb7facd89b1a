package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** {@code retry.max-retries=0} makes exactly one request. */
@QuarkusTest
@TestProfile(NoRetryTest.NoRetryProfile.class)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class NoRetryTest extends WireMockStorageTest {

    public static class NoRetryProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.opengater-storage.retry.max-retries", "0");
        }
    }

    @Test
    void anUnavailableServiceIsAskedOnce() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(503)));

        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> storage.createUpload("image/png", "asked-once"));

        assertEquals(503, failure.statusCode(), failure::getMessage);
        assertEquals(1, requestsTo(UPLOADS));
    }
}
