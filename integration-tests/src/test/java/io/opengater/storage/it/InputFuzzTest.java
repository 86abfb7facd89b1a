package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.sun.net.httpserver.HttpServer;

import io.opengater.storage.it.support.FuzzInputs;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Random arguments ({@link FuzzInputs#text}: any Unicode, control characters, lone surrogates, white space, up to
 * 100,000 characters, near-valid media types) to each of the blocking client's methods that take text, checked
 * against the argument rules of the contract's section 2 and the README (lone surrogates), written out below
 * independently of the extension's own checks: an input those rules refuse throws {@code IllegalArgumentException}
 * naming an invalid argument and sends nothing; any other input sends exactly the request it should, whose JSON body
 * gives the arguments back unchanged (and for {@code upload}, exactly one {@code PUT} of the bytes). For the default
 * seed the tests know how many inputs of each method are valid.
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
    void createUploadOfAContentType() throws Exception {
        FuzzInputs inputs = FuzzInputs.fromSeedProperty();
        Counts counts = new Counts("createUpload(contentType)");
        for (int i = 0; i < SAMPLES; i++) {
            String contentType = inputs.text(inputs::mediaType);
            List<LoggedRequest> sent = call(counts, describe(contentType), problems("contentType",
                    contentTypeProblem(contentType)), () -> storage.createUpload(contentType));
            if (sent != null) {
                assertEquals(1, sent.size(), () -> "requests for " + describe(contentType));
                assertCreateSent(sent.get(0), contentType, "");
            }
        }
        counts.check(inputs, 130);
    }

    @Test
    void createUploadOfAContentTypeAndAPrefix() throws Exception {
        FuzzInputs inputs = FuzzInputs.fromSeedProperty();
        Counts counts = new Counts("createUpload(contentType, prefix)");
        for (int i = 0; i < SAMPLES; i++) {
            String contentType = inputs.text(inputs::mediaType);
            String prefix = inputs.orNull(0.05, () -> inputs.text(() -> inputs.letters("abcxyz/-.", 0, 40)));
            List<LoggedRequest> sent = call(counts, describe(contentType, prefix),
                    problems("contentType", contentTypeProblem(contentType), "prefix", prefixProblem(prefix)),
                    () -> storage.createUpload(contentType, prefix));
            if (sent != null) {
                assertEquals(1, sent.size(), () -> "requests for " + describe(contentType, prefix));
                assertCreateSent(sent.get(0), contentType, prefix == null ? "" : prefix);
            }
        }
        counts.check(inputs, 82);
    }

    /**
     * The {@code PUT}s go to the JDK's own HTTP server, which takes any {@code Content-Type} as it comes: Jetty, under
     * WireMock, responds with 500 to a {@code charset} parameter that is no charset name.
     */
    @Test
    void uploadOfBytes() throws Exception {
        List<Put> puts = new CopyOnWriteArrayList<>();
        HttpServer storageHost = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        storageHost.createContext("/", exchange -> {
            puts.add(new Put(exchange.getRequestMethod() + " " + exchange.getRequestURI(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        storageHost.start();
        String uploadUrl = "http://127.0.0.1:" + storageHost.getAddress().getPort() + "/bucket/fuzz.bin?X-Amz-Signature=abc";
        wireMock.stubFor(post(UPLOADS).willReturn(okJson("{\"upload_url\":\"" + uploadUrl
                + "\",\"key\":\"fuzz.bin\",\"public_url\":\"https://cdn.example/fuzz.bin\"}")));
        try {
            FuzzInputs inputs = FuzzInputs.fromSeedProperty();
            Counts counts = new Counts("upload(bytes, contentType, prefix)");
            for (int i = 0; i < SAMPLES; i++) {
                byte[] bytes = inputs.orNull(0.05,
                        () -> inputs.letters("abc\u0000\u00ff", 0, 64).getBytes(StandardCharsets.UTF_8));
                String contentType = inputs.text(inputs::mediaType);
                String prefix = inputs.orNull(0.05, () -> inputs.text(() -> inputs.letters("abcxyz/-.", 0, 40)));
                puts.clear();
                List<LoggedRequest> sent = call(counts, describe(contentType, prefix),
                        problems("bytes", bytes == null ? "null" : null, "contentType",
                                uploadContentTypeProblem(contentType), "prefix", prefixProblem(prefix)),
                        () -> storage.upload(bytes, contentType, prefix));
                if (sent == null) {
                    assertEquals(List.of(), puts, () -> "refused, yet sent: " + describe(contentType, prefix));
                    continue;
                }
                assertEquals(1, sent.size(), () -> "requests for " + describe(contentType, prefix));
                assertCreateSent(sent.get(0), contentType, prefix == null ? "" : prefix);
                assertEquals(1, puts.size(), () -> "PUTs for " + describe(contentType, prefix));
                Put put = puts.get(0);
                assertEquals("PUT /bucket/fuzz.bin?X-Amz-Signature=abc", put.request());
                assertArrayEquals(bytes, put.body(), () -> describe(contentType, prefix));
                assertEquals(contentType, put.contentType(), () -> describe(contentType, prefix));
            }
            counts.check(inputs, 57);
        } finally {
            storageHost.stop(0);
        }
    }

    /** A request to the storage host. */
    record Put(String request, String contentType, byte[] body) {
    }

    @Test
    void deleteObjectOfAPublicUrlAndAKey() throws Exception {
        FuzzInputs inputs = FuzzInputs.fromSeedProperty();
        Counts counts = new Counts("deleteObject(publicUrl, key)");
        for (int i = 0; i < SAMPLES; i++) {
            String publicUrl = inputs.orNull(0.25, () -> inputs.text(() -> publicUrl(inputs)));
            String key = inputs.orNull(0.25, () -> inputs.text(() -> key(inputs)));
            Map<String, String> problems = publicUrl == null && key == null
                    ? problems("publicUrl", "null, and key too", "key", "null, and publicUrl too")
                    : problems("publicUrl", publicUrl == null ? null : textProblem(publicUrl),
                            "key", key == null ? null : textProblem(key));
            List<LoggedRequest> sent = call(counts, describe(publicUrl, key), problems,
                    () -> storage.deleteObject(publicUrl, key));
            if (sent != null) {
                Map<String, String> given = new LinkedHashMap<>();
                if (key != null) {
                    given.put("key", key);
                }
                if (publicUrl != null) {
                    given.put("public_url", publicUrl);
                }
                assertDeleteSent(sent, given);
            }
        }
        counts.check(inputs, 256);
    }

    @Test
    void deleteByKey() throws Exception {
        FuzzInputs inputs = FuzzInputs.fromSeedProperty();
        Counts counts = new Counts("deleteByKey(key)");
        for (int i = 0; i < SAMPLES; i++) {
            String key = inputs.text(() -> key(inputs));
            List<LoggedRequest> sent = call(counts, describe(key), problems("key", textProblem(key)),
                    () -> storage.deleteByKey(key));
            if (sent != null) {
                assertDeleteSent(sent, Map.of("key", key));
            }
        }
        counts.check(inputs, 316);
    }

    @Test
    void deleteByPublicUrl() throws Exception {
        FuzzInputs inputs = FuzzInputs.fromSeedProperty();
        Counts counts = new Counts("deleteByPublicUrl(publicUrl)");
        for (int i = 0; i < SAMPLES; i++) {
            String publicUrl = inputs.text(() -> publicUrl(inputs));
            List<LoggedRequest> sent = call(counts, describe(publicUrl), problems("publicUrl", textProblem(publicUrl)),
                    () -> storage.deleteByPublicUrl(publicUrl));
            if (sent != null) {
                assertDeleteSent(sent, Map.of("public_url", publicUrl));
            }
        }
        counts.check(inputs, 304);
    }

    // The contract's rules (section 2), and the README's for lone surrogates: each gives why the argument is
    // refused, or null when it must be accepted. "Blank" is Java's String.isBlank() (the contract is a Java API):
    // empty or only white space by Character.isWhitespace, which leaves out the no-break spaces (U+00A0...).

    /** Null, blank, longer than 255 characters, a bad character, or not {@code type/subtype} with parameters. */
    static String contentTypeProblem(String contentType) {
        if (contentType == null) {
            return "null";
        }
        if (contentType.isBlank()) {
            return "blank";
        }
        if (contentType.length() > 255) {
            return "longer than 255";
        }
        String character = badCharacter(contentType);
        if (character != null) {
            return character;
        }
        return isTypeSlashSubtype(contentType) ? null : "not type/subtype";
    }

    /** For an upload, also sent as the PUT's Content-Type header: visible ASCII, space and tab only (README). */
    static String uploadContentTypeProblem(String contentType) {
        String problem = contentTypeProblem(contentType);
        if (problem == null && !contentType.chars().allMatch(c -> c == '\t' || c >= 0x20 && c <= 0x7e)) {
            return "not a header value";
        }
        return problem;
    }

    /** Longer than 1,024 characters, or a bad character; {@code null} is {@code ""}, so fine. */
    static String prefixProblem(String prefix) {
        if (prefix == null) {
            return null;
        }
        return prefix.length() > 1_024 ? "longer than 1024" : badCharacter(prefix);
    }

    /** For a key or a public URL: null, blank, or a bad character. */
    static String textProblem(String text) {
        if (text == null) {
            return "null";
        }
        return text.isBlank() ? "blank" : badCharacter(text);
    }

    /** A control character (Unicode's Cc: U+0000 to U+001F, U+007F to U+009F) or a lone surrogate. */
    static String badCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x1f || c >= 0x7f && c <= 0x9f) {
                return "control character";
            }
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "lone surrogate";
            }
        }
        return null;
    }

    /**
     * RFC 9110's {@code type "/" subtype}, each one or more token characters, then nothing, or spaces and a
     * {@code ;} that begins the parameters (whatever follows).
     */
    static boolean isTypeSlashSubtype(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || !text.substring(0, slash).chars().allMatch(InputFuzzTest::isTokenCharacter)) {
            return false;
        }
        int end = slash + 1;
        while (end < text.length() && isTokenCharacter(text.charAt(end))) {
            end++;
        }
        if (end == slash + 1) {
            return false;
        }
        int semicolon = end;
        while (semicolon < text.length() && text.charAt(semicolon) == ' ') {
            semicolon++;
        }
        return end == text.length() || semicolon < text.length() && text.charAt(semicolon) == ';';
    }

    static boolean isTokenCharacter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** The invalid arguments among (name, problem or null) pairs, in order. */
    private static Map<String, String> problems(String... namesAndProblems) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (int i = 0; i < namesAndProblems.length; i += 2) {
            if (namesAndProblems[i + 1] != null) {
                problems.put(namesAndProblems[i], namesAndProblems[i + 1]);
            }
        }
        return problems;
    }

    /**
     * Makes the call with an empty request journal. Refused: the rules must refuse it too, the message must name an
     * argument they refuse, and nothing may have been sent; then {@code null}. Accepted: the rules must accept it,
     * and it gives the requests sent, oldest first, at least one.
     */
    private List<LoggedRequest> call(Counts counts, String input, Map<String, String> problems, Runnable call) {
        wireMock.resetRequests();
        try {
            call.run();
        } catch (IllegalArgumentException refused) {
            assertTrue(!problems.isEmpty(), () -> "refused a valid " + input + ": " + refused.getMessage());
            assertTrue(problems.keySet().stream().anyMatch(name -> refused.getMessage().startsWith(name + " ")),
                    () -> "the message names none of " + problems + " for " + input + ": " + refused.getMessage());
            assertEquals(List.of(), wireMock.getAllServeEvents(), () -> "refused, yet sent: " + input);
            problems.forEach((name, problem) -> counts.refused.merge(name + " " + problem, 1, Integer::sum));
            return null;
        } catch (RuntimeException other) {
            return fail("neither refused nor sent: " + input, other);
        }
        assertTrue(problems.isEmpty(), () -> "accepted " + problems + ": " + input);
        List<LoggedRequest> sent = new ArrayList<>(wireMock.getAllServeEvents().stream().map(e -> e.getRequest()).toList());
        Collections.reverse(sent); // the journal gives the newest first
        assertTrue(!sent.isEmpty(), () -> "accepted, and nothing sent: " + input);
        counts.accepted++;
        return sent;
    }

    private void assertCreateSent(LoggedRequest request, String contentType, String prefix) throws Exception {
        assertEquals("POST " + UPLOADS, request.getMethod() + " " + request.getUrl());
        assertEquals(Map.of("content_type", contentType, "prefix", prefix), json.readValue(request.getBody(), Map.class),
                () -> describe(contentType, prefix));
    }

    private void assertDeleteSent(List<LoggedRequest> sent, Map<String, String> given) throws Exception {
        assertEquals(1, sent.size(), () -> "requests for " + given.keySet());
        LoggedRequest request = sent.get(0);
        assertEquals("DELETE " + OBJECTS, request.getMethod() + " " + request.getUrl());
        assertEquals(given, json.readValue(request.getBody(), Map.class), () -> describe(given.values().toArray(String[]::new)));
    }

    private static String publicUrl(FuzzInputs inputs) {
        return inputs.oneOf("https://cdn.example/", "http://127.0.0.1:8080/media/", "//cdn.example/", "") + key(inputs);
    }

    private static String key(FuzzInputs inputs) {
        return inputs.letters("abcdefghijklmnopqrstuvwxyz/.", 1, 60);
    }

    /** How many inputs a method accepted, and why the others were refused. */
    static final class Counts {
        final String method;
        int accepted;
        final Map<String, Integer> refused = new TreeMap<>();

        Counts(String method) {
            this.method = method;
        }

        /** Prints the counts and, for the default seed, asserts them. */
        void check(FuzzInputs inputs, int expectedAccepted) {
            int refusals = SAMPLES - accepted;
            System.out.printf("FUZZ %s: %d of %d accepted and sent, %d refused (%s)%n", method, accepted, SAMPLES,
                    refusals, refused);
            if (inputs.defaultSeed()) {
                assertEquals(expectedAccepted, accepted, () -> method + ": inputs accepted for the default seed");
            }
        }
    }

    private static String describe(String... arguments) {
        return String.join(", ", Arrays.stream(arguments).map(FuzzInputs::printable).toList());
    }
}
