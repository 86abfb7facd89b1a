package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.opengater.storage.client.StorageException;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random arguments, from jqwik's generators: printable and control characters, any Unicode (lone surrogates
 * included), empty and huge strings, near-valid media types. Each call either throws {@code IllegalArgumentException}
 * before anything is sent, or sends exactly one request whose JSON body gives the arguments back unchanged.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InputFuzzTest extends WireMockStorageTest {

    static final int SAMPLES = 400;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void stub() {
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON)));
        wireMock.stubFor(delete(OBJECTS).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void createUploadRefusesOrSendsTheArgumentsUnchanged() throws Exception {
        List<String> contentTypes = FuzzSamples.of(texts(mediaTypes()), SAMPLES);
        List<String> prefixes = FuzzSamples.of(texts(Arbitraries.strings().withCharRange('a', 'z')
                .withChars('/', '-', '.').ofMaxLength(40)).injectNull(0.05), SAMPLES);
        int sent = 0;
        for (int i = 0; i < SAMPLES; i++) {
            String contentType = contentTypes.get(i);
            String prefix = prefixes.get(i);
            int before = requestsTo(UPLOADS);
            try {
                storage.createUpload(contentType, prefix);
            } catch (IllegalArgumentException refused) {
                assertEquals(before, requestsTo(UPLOADS), () -> "refused, yet sent: " + describe(contentType, prefix));
                continue;
            } catch (RuntimeException other) {
                fail("neither refused nor sent: " + describe(contentType, prefix), other);
            }
            List<LoggedRequest> requests = wireMock.getAllServeEvents().stream()
                    .map(event -> event.getRequest()).filter(request -> request.getUrl().equals(UPLOADS)).toList();
            assertEquals(before + 1, requests.size(), () -> describe(contentType, prefix));
            Map<?, ?> body = json.readValue(requests.get(0).getBody(), Map.class); // the newest first
            assertEquals(Map.of("content_type", contentType, "prefix", prefix == null ? "" : prefix), body,
                    () -> describe(contentType, prefix));
            sent++;
        }
        System.out.printf("FUZZ createUpload: %d of %d samples sent, the others refused%n", sent, SAMPLES);
    }

    @Test
    void deleteRefusesOrSendsTheArgumentsUnchanged() throws Exception {
        List<String> keys = FuzzSamples.of(texts(Arbitraries.strings().withCharRange('a', 'z').withChars('/', '.')
                .ofMinLength(1).ofMaxLength(60)), SAMPLES);
        int sent = 0;
        for (int i = 0; i < SAMPLES; i++) {
            String key = keys.get(i);
            int before = requestsTo(OBJECTS);
            try {
                storage.deleteByKey(key);
            } catch (IllegalArgumentException refused) {
                assertEquals(before, requestsTo(OBJECTS), () -> "refused, yet sent: " + describe(key, null));
                continue;
            } catch (StorageException | IllegalStateException other) {
                fail("neither refused nor sent: " + describe(key, null), other);
            }
            LoggedRequest request = wireMock.getAllServeEvents().stream().map(event -> event.getRequest())
                    .filter(logged -> logged.getUrl().equals(OBJECTS)).findFirst().orElseThrow();
            assertEquals(Map.of("key", key), json.readValue(request.getBody(), Map.class), () -> describe(key, null));
            sent++;
        }
        System.out.printf("FUZZ deleteByKey: %d of %d samples sent, the others refused%n", sent, SAMPLES);
    }

    /** Near-valid media types: mostly the right shape, with random parts. */
    private static Arbitrary<String> mediaTypes() {
        Arbitrary<String> token = Arbitraries.strings().withCharRange('a', 'z').withChars('+', '-', '.')
                .ofMinLength(0).ofMaxLength(12);
        return Combinators.combine(token, token, Arbitraries.of("", "; charset=utf-8", ";", "; q"))
                .as((type, subtype, parameters) -> type + "/" + subtype + parameters);
    }

    /**
     * A well-shaped generator mixed with hostile strings: any character (control characters and lone surrogates
     * included), white space, and lengths up to 100,000.
     */
    private static Arbitrary<String> texts(Arbitrary<String> wellShaped) {
        return Arbitraries.frequencyOf(
                Tuple.of(5, wellShaped),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(30)),
                Tuple.of(1, Arbitraries.strings().withChars(' ', '\t', '\n', '\r', '\u0000', '\u007f',
                        '\u0085', '\u2028', '\uFEFF').ofMaxLength(5)),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(200)
                        .ofMaxLength(100_000)));
    }

    private static String describe(String first, String second) {
        return "[" + escape(first) + "], [" + escape(second) + "]";
    }

    private static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        text.chars().limit(80).forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
        return out + (text.length() > 80 ? "... (" + text.length() + " chars)" : "");
    }
}
