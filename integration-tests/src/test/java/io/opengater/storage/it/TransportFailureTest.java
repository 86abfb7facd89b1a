package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.github.tomakehurst.wiremock.http.Fault;

import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Failures without a usable response: broken connections and garbage become {@link StorageUnavailableException} with
 * no status and a detail in words, after the configured retries (2 in this profile).
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TransportFailureTest extends WireMockStorageTest {

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE",
            "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE" })
    void aBrokenResponseIsUnavailableWithoutStatus(Fault fault) {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withFault(fault)));

        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> storage.createUpload("image/png"));

        assertNull(failure.statusCode());
        assertNotNull(failure.detail());
        assertTrue(failure.detail().endsWith(": POST /uploads"), failure.detail());
        assertEquals("POST /uploads failed: " + failure.detail().replace(": POST /uploads", ""), failure.getMessage());
        assertEquals(3, requestsTo(UPLOADS),
                "one request and two retries");
    }

    /** A status line and headers that are not HTTP are the service's malformed response, like a malformed body. */
    @Test
    void aResponseThatIsNotValidHttpIsAPlainStorageExceptionAndNotRetried() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "\u0000")));

        StorageException failure = assertThrows(StorageException.class, () -> storage.createUpload("image/png"));

        assertSame(StorageException.class, failure.getClass());
        assertNull(failure.statusCode());
        assertEquals("unexpected failure (IllegalArgumentException: Validation failed for header 'Retry-After'):"
                + " POST /uploads", failure.detail());
        assertEquals(1, requestsTo(UPLOADS), "retried");
    }

    @Test
    void aResetDeleteIsUnavailableToo() {
        wireMock.stubFor(delete(OBJECTS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> storage.deleteByKey("a.png"));

        assertNull(failure.statusCode());
        assertTrue(failure.detail().endsWith(": DELETE /objects"), failure.detail());
    }
}
