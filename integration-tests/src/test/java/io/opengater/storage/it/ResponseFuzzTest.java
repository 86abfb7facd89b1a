package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.opengater.storage.it.support.FuzzInputs.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageBadRequestException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageNotFoundException;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.it.support.FuzzInputs;
import io.opengater.storage.it.support.FuzzInputs.ServiceResponse;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Random responses from WireMock ({@link FuzzInputs#serviceResponse()}: any status from 200 to 599, a {@code
 * Content-Type} and a {@code Retry-After} of any shape or none, a body that is right, partial, mistyped, another JSON
 * value or random), each checked against what the contract's table of errors says it must give, not against what the
 * client happens to do: a 2xx whose body is a well-formed response gives a result equal to that body; any other 2xx to
 * {@code createUpload} is a plain {@code StorageException} with the status; any 2xx to a delete is a success; any other
 * status is exactly the {@code StorageException} subclass it maps to, with the status. A 429 or 5xx is tried once more
 * (the client here allows one retry), nothing else is. Every call ends within its time limit, and for the default seed
 * the tests know exactly how many responses end in each outcome. A {@code Retry-After} that is not a valid HTTP header
 * value is tested on its own.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ResponseFuzzTest extends WireMockStorageTest {

    static final int SAMPLES = 300;

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final int MAX_RETRIES = 1;
    /** Each attempt may last the timeout; 2 s more for the back-off (at most 50 ms) and a busy machine. */
    static final Duration TIME_LIMIT = TIMEOUT.multipliedBy(1 + MAX_RETRIES).plusSeconds(2);

    private Duration slowest = Duration.ZERO;

    @Test
    void createUploadGivesAWellFormedSuccessAndTheMappedExceptionForEverythingElse() {
        FuzzInputs inputs = FuzzInputs.fromSeedProperty();
        Map<String, Integer> outcomes = new TreeMap<>();
        try (StorageClient client = client()) {
            for (int i = 0; i < SAMPLES; i++) {
                ServiceResponse response = inputs.serviceResponse();
                Object outcome = serveAndCall(post(UPLOADS), response, () -> client.createUpload("image/png", "fuzz"));
                UploadResult expected = expectedResult(response);
                if (expected != null) {
                    assertTrue(expected.equals(outcome), () -> "for " + response + ": expected the result "
                            + printable(expected) + ", was " + printable(outcome));
                } else if (response.status() / 100 == 2) {
                    StorageException failure = assertInstanceOf(StorageException.class, outcome,
                            () -> "for " + response);
                    assertSame(StorageException.class, failure.getClass(), () -> response + ": " + printable(failure));
                    assertEquals(response.status(), failure.statusCode(), () -> response + ": " + printable(failure));
                    assertNotNull(failure.detail(), () -> response + ": " + printable(failure));
                } else {
                    checkMapped(response, outcome);
                }
                assertEquals(expectedAttempts(response), requestsTo(UPLOADS), () -> "requests for " + response);
                outcomes.merge(outcome.getClass().getSimpleName() + (expected == null && response.status() / 100 == 2
                        ? " on a 2xx" : ""), 1, Integer::sum);
            }
        }
        System.out.println("FUZZ responses to createUpload: " + outcomes + ", slowest call " + slowest.toMillis()
                + " ms");
        if (inputs.defaultSeed()) {
            assertEquals(Map.of("UploadResult", 23, "StorageException on a 2xx", 108, "StorageException", 88,
                    "StorageBadRequestException", 3, "StorageAuthException", 14, "StorageNotFoundException", 3,
                    "StorageUnavailableException", 61), outcomes, "outcomes of the default seed's responses");
        }
    }

    @Test
    void deleteSucceedsOnEvery2xxAndGivesTheMappedExceptionForEverythingElse() {
        FuzzInputs inputs = FuzzInputs.fromSeedProperty();
        Map<String, Integer> outcomes = new TreeMap<>();
        try (StorageClient client = client()) {
            for (int i = 0; i < SAMPLES; i++) {
                ServiceResponse response = inputs.serviceResponse();
                Object outcome = serveAndCall(delete(OBJECTS), response, () -> {
                    client.deleteByKey("fuzz/key.png");
                    return "deleted";
                });
                if (response.status() / 100 == 2) {
                    assertEquals("deleted", outcome, () -> "for " + response);
                } else {
                    checkMapped(response, outcome);
                }
                assertEquals(expectedAttempts(response), requestsTo(OBJECTS), () -> "requests for " + response);
                outcomes.merge(outcome instanceof String ? "deleted" : outcome.getClass().getSimpleName(), 1,
                        Integer::sum);
            }
        }
        System.out.println("FUZZ responses to deleteByKey: " + outcomes + ", slowest call " + slowest.toMillis()
                + " ms");
        if (inputs.defaultSeed()) {
            assertEquals(Map.of("deleted", 131, "StorageException", 88, "StorageBadRequestException", 3,
                    "StorageAuthException", 14, "StorageNotFoundException", 3, "StorageUnavailableException", 61),
                    outcomes, "outcomes of the default seed's responses");
        }
    }

    /**
     * A {@code Retry-After} that holds a control character other than a tab is no valid HTTP header value (CR and LF
     * are left out: Jetty does not send them as they are); Netty refuses the response, which the README's table makes a
     * plain {@code StorageException} without status, never retried, whatever the status. In the middle of the value,
     * the detail names the header; as its first character, Netty calls it an invalid separator instead.
     */
    @Test
    void aRetryAfterThatIsNotAValidHeaderValueIsAPlainStorageExceptionWithoutStatus() {
        try (StorageClient client = client()) {
            for (char c : "\u0000\u0001\b\u000b\f\u000e\u001b\u001f\u007f".toCharArray()) {
                for (String retryAfter : List.of("1" + c + "2", c + "1")) {
                    for (int status : List.of(200, 404, 503)) {
                        ServiceResponse response = new ServiceResponse(status, "application/json", retryAfter,
                                new FuzzInputs.Body(UPLOAD_JSON.getBytes(StandardCharsets.UTF_8), null));
                        Object outcome = serveAndCall(post(UPLOADS), response, () -> client.createUpload("image/png", "fuzz"));
                        StorageException failure = assertInstanceOf(StorageException.class, outcome,
                                () -> "for " + response);
                        assertSame(StorageException.class, failure.getClass(), () -> response + ": " + printable(failure));
                        assertNull(failure.statusCode(), () -> response + ": " + printable(failure));
                        assertTrue(failure.detail().startsWith("unexpected failure (IllegalArgumentException: "),
                                () -> response + ": " + printable(failure));
                        if (retryAfter.startsWith("1")) {
                            assertTrue(failure.detail().contains("header 'Retry-After'"), () -> response + ": " + printable(failure));
                        }
                        assertEquals(1, requestsTo(UPLOADS), () -> "retried: " + response);
                    }
                }
            }
        }
    }

    /**
     * What the contract's section 1 promises for a 2xx to {@code POST /uploads}: the body, when it is a well-formed
     * response that the client receives (a 204 has no body) and reads as JSON; else {@code null}.
     */
    private static UploadResult expectedResult(ServiceResponse response) {
        return response.status() / 100 == 2 && response.status() != 204 && saysJson(response.contentType())
                ? response.body().upload()
                : null;
    }

    /**
     * Whether the {@code Content-Type} says JSON: {@code application/json} or {@code application/...+json} (RFC
     * 6839), in any case, with any parameters. No {@code Content-Type}, {@code text/json} and the like are not JSON
     * (a 2xx that says so is a malformed response). {@code *}{@code /*}, which is no media type but a range, is read as
     * JSON too: the contract is silent, and this is what the client does (reported; no harm in it).
     */
    private static boolean saysJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json")
                || type.equals("*/*");
    }

    /** 429 and 5xx are unavailability, retried; nothing else is. */
    private static int expectedAttempts(ServiceResponse response) {
        return response.status() == 429 || response.status() >= 500 ? 1 + MAX_RETRIES : 1;
    }

    /** The exception of the contract's table for a status from 300 up, with that status. */
    private static void checkMapped(ServiceResponse response, Object outcome) {
        StorageException failure = assertInstanceOf(StorageException.class, outcome, () -> "for " + response);
        int status = response.status();
        Class<? extends StorageException> expected = status == 400 ? StorageBadRequestException.class
                : status == 401 || status == 403 ? StorageAuthException.class
                        : status == 404 ? StorageNotFoundException.class
                                : status == 429 || status >= 500 ? StorageUnavailableException.class
                                        : StorageException.class;
        assertSame(expected, failure.getClass(), () -> response + ": " + printable(failure));
        assertEquals(status, failure.statusCode(), () -> response + ": " + printable(failure));
        assertTrue(failure.detail() == null || failure.detail().length() <= 2_000, () -> response + ": " + printable(failure));
    }

    /** One retry with a short cap, so that a random Retry-After cannot stretch the run. */
    private StorageClient client() {
        return StorageClient.builder().baseUrl(wireMock.baseUrl() + "/storage").apiKey(WireMockStorage.API_KEY)
                .maxRetries(MAX_RETRIES).retryDelay(Duration.ofMillis(1)).retryMaxDelay(Duration.ofMillis(50))
                .timeout(TIMEOUT).circuitBreakerEnabled(false).build();
    }

    /**
     * Serves the response to the request, makes the call and returns its result or its {@code StorageException};
     * fails on any other exception and on a call that outlasts {@link #TIME_LIMIT}.
     */
    private Object serveAndCall(MappingBuilder request, ServiceResponse response, Supplier<Object> call) {
        wireMock.resetAll();
        ResponseDefinitionBuilder stub = aResponse().withStatus(response.status()).withBody(response.body().bytes());
        if (response.contentType() != null) {
            stub.withHeader("Content-Type", response.contentType());
        }
        if (response.retryAfter() != null) {
            stub.withHeader("Retry-After", response.retryAfter());
        }
        wireMock.stubFor(request.willReturn(stub));
        long began = System.nanoTime();
        try {
            return call.get();
        } catch (StorageException typed) {
            return typed;
        } catch (RuntimeException other) {
            return fail("not a StorageException for " + response, other);
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
            assertTrue(took.compareTo(TIME_LIMIT) < 0, () -> "took " + took.toMillis() + " ms for " + response);
        }
    }
}
