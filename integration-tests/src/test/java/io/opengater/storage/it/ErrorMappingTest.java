package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;


import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageBadRequestException;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageNotFoundException;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The contract's error table and detail rules, one response at a time.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ErrorMappingTest extends WireMockStorageTest {

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(400, StorageBadRequestException.class),
                Arguments.of(401, StorageAuthException.class),
                Arguments.of(403, StorageAuthException.class),
                Arguments.of(404, StorageNotFoundException.class),
                Arguments.of(429, StorageUnavailableException.class),
                Arguments.of(500, StorageUnavailableException.class),
                Arguments.of(502, StorageUnavailableException.class),
                Arguments.of(503, StorageUnavailableException.class),
                Arguments.of(504, StorageUnavailableException.class),
                Arguments.of(409, StorageException.class),
                Arguments.of(422, StorageException.class),
                Arguments.of(418, StorageException.class),
                Arguments.of(302, StorageException.class));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void eachStatusBecomesItsTypedException(int status, Class<? extends StorageException> expected) {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Location", "http://elsewhere.example/uploads")
                .withBody("{\"detail\": \"status " + status + "\"}")));

        StorageException failure = assertThrows(StorageException.class, () -> storage.createUpload("image/png"));

        assertSame(expected, failure.getClass());
        assertEquals(status, failure.statusCode());
        assertEquals("status " + status, failure.detail());
        assertEquals("POST /uploads", failure.operation());
        assertEquals("POST /uploads failed with HTTP " + status + ": status " + status, failure.getMessage());
    }

    @Test
    void deleteFailuresAreTypedToo() {
        wireMock.stubFor(delete(OBJECTS).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"Object not found\"}")));

        StorageNotFoundException failure = assertThrows(StorageNotFoundException.class,
                () -> storage.deleteByKey("gone.png"));

        assertEquals(404, failure.statusCode());
        assertEquals("Object not found", failure.detail());
        assertEquals("DELETE /objects failed with HTTP 404: Object not found", failure.getMessage());
    }

    @Test
    void aValidationErrorListBecomesCompactJson() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {
                          "detail": [
                            {"loc": ["body", "content_type"], "msg": "field required", "type": "value_error.missing"}
                          ]
                        }""")));

        StorageException failure = assertThrows(StorageException.class, () -> storage.createUpload("image/png"));

        assertEquals(422, failure.statusCode());
        assertEquals("[{\"loc\":[\"body\",\"content_type\"],\"msg\":\"field required\",\"type\":\"value_error.missing\"}]",
                failure.detail());
    }

    @Test
    void anHtmlBodyIsTrimmedAndCutTo2000Characters() {
        String html = "<html><body>" + "x".repeat(5_000) + "</body></html>";
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("\n\n  " + html + "  \n")));

        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> storage.createUpload("image/png"));

        assertEquals(502, failure.statusCode());
        assertEquals(2_000, failure.detail().length());
        assertEquals(html.substring(0, 2_000), failure.detail());
    }

    @Test
    void aPlainBodyIsTrimmed() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "text/plain").withBody("  upload already exists \n")));

        StorageException failure = assertThrows(StorageException.class, () -> storage.createUpload("image/png"));

        assertEquals("upload already exists", failure.detail());
    }

    @Test
    void jsonWithoutDetailIsKeptAsText() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"bad\"}")));

        StorageBadRequestException failure = assertThrows(StorageBadRequestException.class,
                () -> storage.createUpload("image/png"));

        assertEquals("{\"error\": \"bad\"}", failure.detail());
    }

    @ParameterizedTest
    @ValueSource(ints = { 401, 503 })
    void noBodyGivesANullDetail(int status) {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(status)));

        StorageException failure = assertThrows(StorageException.class, () -> storage.createUpload("image/png"));

        assertEquals(status, failure.statusCode());
        assertNull(failure.detail());
        assertEquals("POST /uploads failed with HTTP " + status, failure.getMessage());
    }

    @Test
    void retryAfterIsExposed() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "0")));

        StorageUnavailableException failure = assertThrows(StorageUnavailableException.class,
                () -> storage.createUpload("image/png"));

        assertEquals(java.time.Duration.ZERO, failure.retryAfter().orElseThrow());
    }

    static Stream<Arguments> malformedSuccesses() {
        return Stream.of(
                Arguments.of(200, "application/json", "{\"key\": \"k\", \"public_url\": \"https://p/k\"}",
                        "the response lacks upload_url"),
                Arguments.of(201, "application/json", "{\"upload_url\": \"https://u\", \"public_url\": \"https://p/k\"}",
                        "the response lacks key"),
                Arguments.of(200, "application/json", "{\"upload_url\": \"https://u\", \"key\": \"k\"}",
                        "the response lacks public_url"),
                Arguments.of(200, "application/json", "{}", "the response lacks upload_url, key, public_url"),
                Arguments.of(200, "text/html", "<html>maintenance</html>", "the response is not a JSON object"),
                Arguments.of(200, "application/json", "not json at all", "the response is not a JSON object"),
                Arguments.of(200, "application/json", "[1, 2]", "the response is not a JSON object"),
                Arguments.of(200, "application/json", "", "the response has no body"),
                Arguments.of(200, null, "", "the response has no body"));
    }

    @ParameterizedTest
    @MethodSource("malformedSuccesses")
    void aMalformedSuccessIsAStorageExceptionWithItsStatus(int status, String contentType, String body,
            String expectedDetail) {
        var response = aResponse().withStatus(status).withBody(body);
        if (contentType != null) {
            response.withHeader("Content-Type", contentType);
        }
        wireMock.stubFor(post(UPLOADS).willReturn(response));

        StorageException failure = assertThrows(StorageException.class, () -> storage.createUpload("image/png"));

        assertSame(StorageException.class, failure.getClass());
        assertEquals(status, failure.statusCode());
        assertTrue(failure.detail().startsWith(expectedDetail), failure.detail());
    }
}
