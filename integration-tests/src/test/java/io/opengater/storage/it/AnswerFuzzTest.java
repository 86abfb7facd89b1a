package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageBadRequestException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageNotFoundException;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.client.UploadResult;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random answers from WireMock, from jqwik's generators: any status from 200 to 599, with or without a
 * {@code Content-Type} and a {@code Retry-After} of any shape, and a body that is the right JSON, JSON with fields
 * missing or of the wrong type, FastAPI errors, random bytes, or nothing. Every call ends within its time limit in a
 * result with its three fields or in the {@code StorageException} that the status maps to; never another exception.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AnswerFuzzTest extends WireMockStorageTest {

    static final int SAMPLES = 300;

    record Answer(int status, String contentType, String retryAfter, byte[] body) {
        ResponseDefinitionBuilder stub() {
            ResponseDefinitionBuilder response = aResponse().withStatus(status).withBody(body);
            if (contentType != null) {
                response.withHeader("Content-Type", contentType);
            }
            if (retryAfter != null) {
                response.withHeader("Retry-After", retryAfter);
            }
            return response;
        }

        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return status + " " + contentType + " Retry-After=" + retryAfter + " body="
                    + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
    }

    @Test
    void createUploadEndsInAResultOrTheMappedException() {
        List<Answer> answers = FuzzSamples.of(answers(), SAMPLES);
        try (StorageClient client = client()) {
            int results = 0;
            for (Answer answer : answers) {
                wireMock.resetAll();
                wireMock.stubFor(post(UPLOADS).willReturn(answer.stub()));
                Object outcome = call(answer, () -> client.createUpload("image/png", "fuzz"));
                if (outcome instanceof UploadResult result) {
                    assertTrue(answer.status() / 100 == 2, () -> "a result from " + answer);
                    assertNotNull(result.uploadUrl());
                    assertNotNull(result.key());
                    assertNotNull(result.publicUrl());
                    results++;
                } else {
                    checkMapped(answer, (StorageException) outcome);
                }
            }
            System.out.printf("FUZZ answers to createUpload: %d results, %d typed errors%n", results,
                    SAMPLES - results);
        }
    }

    @Test
    void deleteEndsInSuccessOrTheMappedException() {
        List<Answer> answers = FuzzSamples.of(answers(), SAMPLES);
        try (StorageClient client = client()) {
            for (Answer answer : answers) {
                wireMock.resetAll();
                wireMock.stubFor(delete(OBJECTS).willReturn(answer.stub()));
                Object outcome = call(answer, () -> {
                    client.deleteByKey("fuzz/key.png");
                    return "deleted";
                });
                if ("deleted".equals(outcome)) {
                    assertTrue(answer.status() / 100 == 2, () -> "deleted on " + answer);
                } else {
                    StorageException failure = (StorageException) outcome;
                    checkMapped(answer, failure);
                }
            }
        }
    }

    /** One retry with a short cap, so that a random Retry-After cannot stretch the run. */
    private StorageClient client() {
        return StorageClient.builder().baseUrl(wireMock.baseUrl() + "/storage").apiKey(WireMockStorage.API_KEY)
                .maxRetries(1).retryDelay(Duration.ofMillis(1)).retryMaxDelay(Duration.ofMillis(50))
                .timeout(Duration.ofSeconds(2)).circuitBreakerEnabled(false).build();
    }

    private static Object call(Answer answer, Supplier<Object> call) {
        long began = System.nanoTime();
        try {
            return call.get();
        } catch (StorageException typed) {
            return typed;
        } catch (RuntimeException other) {
            fail("not a StorageException for " + answer, other);
            return null;
        } finally {
            long millis = (System.nanoTime() - began) / 1_000_000;
            // two attempts of at most 2 s each, and one back-off of at most 50 ms
            assertTrue(millis < 5_000, () -> "took " + millis + " ms for " + answer);
        }
    }

    private static void checkMapped(Answer answer, StorageException failure) {
        if (answer.retryAfter() != null && !answer.retryAfter().chars().allMatch(c -> c == '\t' || c >= 0x20 && c < 0x7f)) {
            // not a valid HTTP header: the answer may be refused as a whole, as a malformed answer, never retried
            if (failure.statusCode() == null) {
                assertSame(StorageException.class, failure.getClass(), () -> answer + ": " + failure);
                assertTrue(failure.detail().contains("header"), () -> answer + ": " + failure);
                return;
            }
        }
        int status = answer.status();
        assertEquals(status, failure.statusCode(), () -> answer + ": " + failure);
        Class<? extends StorageException> expected = status == 400 ? StorageBadRequestException.class
                : status == 401 || status == 403 ? StorageAuthException.class
                        : status == 404 ? StorageNotFoundException.class
                                : status == 429 || status >= 500 ? StorageUnavailableException.class
                                        : StorageException.class;
        assertEquals(expected, failure.getClass(), () -> answer + ": " + failure);
        assertTrue(failure.detail() == null || failure.detail().length() <= 2_000, () -> answer + ": " + failure);
    }

    private static Arbitrary<Answer> answers() {
        Arbitrary<Integer> status = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500, 502,
                        503)),
                Tuple.of(2, Arbitraries.integers().between(200, 599)));
        Arbitrary<String> contentType = Arbitraries.of("application/json", "application/json; charset=utf-8",
                "text/plain", "text/html", "application/xml", "application/octet-stream", "nonsense/", "*/*")
                .injectNull(0.2);
        Arbitrary<String> retryAfter = Arbitraries.oneOf(Arbitraries.of("0", "1", "-1", "120", "soon",
                "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999999"), Arbitraries.strings().ofMaxLength(20))
                .injectNull(0.6);
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(50);
        Arbitrary<byte[]> body = Arbitraries.oneOf(
                Arbitraries.just(UPLOAD_JSON.getBytes(StandardCharsets.UTF_8)),
                Combinators.combine(text, text, text).as((a, b, c) -> json(
                        "{\"upload_url\":" + quote(a) + ",\"key\":" + quote(b) + ",\"public_url\":" + quote(c)
                                + ",\"extra\":[1,{\"x\":null}]}")),
                Arbitraries.of("{\"upload_url\":\"u\",\"key\":\"k\"}", "{\"upload_url\":1,\"key\":[],\"public_url\":{}}",
                        "[]", "null", "\"text\"", "{", "{\"detail\":\"Invalid API key\"}",
                        "{\"detail\":[{\"loc\":[\"body\",\"content_type\"],\"msg\":\"field required\"}]}",
                        "{\"detail\":null}", "<html><body>502 Bad Gateway</body></html>", "")
                        .map(AnswerFuzzTest::json),
                text.map(AnswerFuzzTest::json),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3_000));
        return Combinators.combine(status, contentType, retryAfter, body).as(Answer::new);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(c == '"' || c == '\\' || c < 0x20 ? String.format("\\u%04x", c) : (char) c));
        return out.append('"').toString();
    }
}
