package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageUnavailableException;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Failures without a usable answer: broken connections and garbage become {@link StorageUnavailableException} with
 * no status and a detail in words, after the configured retries (2 in this profile).
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TransportFailureTest {

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    StorageClient storage;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE",
            "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE" })
    void aBrokenAnswerIsUnavailableWithoutStatus(Fault fault) {
        wireMock.stubFor(post("/storage/uploads").willReturn(aResponse().withFault(fault)));

        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> storage.createUpload("image/png"));

        assertNull(failure.statusCode());
        assertNotNull(failure.detail());
        assertTrue(failure.detail().endsWith(": POST /uploads"), failure.detail());
        assertEquals("POST /uploads failed: " + failure.detail().replace(": POST /uploads", ""), failure.getMessage());
        assertEquals(3, wireMock.findAll(postRequestedFor(urlPathEqualTo("/storage/uploads"))).size(),
                "one request and two retries");
    }

    @Test
    void aResetDeleteIsUnavailableToo() {
        wireMock.stubFor(delete("/storage/objects").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> storage.deleteByKey("a.png"));

        assertNull(failure.statusCode());
        assertTrue(failure.detail().endsWith(": DELETE /objects"), failure.detail());
    }
}
