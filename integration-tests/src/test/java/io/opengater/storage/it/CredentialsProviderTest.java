package io.opengater.storage.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.opengater.storage.it.CallsResource.Outcome;
import io.opengater.storage.it.CredentialsResource.Reads;
import io.opengater.storage.it.support.Calls;
import io.opengater.storage.it.support.CapturedLogs;
import io.opengater.storage.it.support.LoudLoggingProfile;
import io.opengater.storage.testing.ConnectFakeStorage;
import io.opengater.storage.testing.FakeStorage.ReceivedRequest;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorageServer;
import io.opengater.storage.testing.InjectFakeStorage;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The default client reads its key from the application's own credentials provider ({@link RotatingCredentials},
 * {@code credentials-provider.name=storage}, {@code .bean-name=it-credentials}), against the embedded storage, whose
 * key the tests rotate with {@link FakeStorage#rotateApiKey} while they rotate the provider's: the key is read on
 * first use; a rotated key costs the next call one refused request and one read; a wrong key fails typed after
 * exactly two requests, every time; calls refused together read the provider once; the reactive client on the event
 * loop gets the key from a blocking provider; no key is in a failure or a log line. {@link CredentialsProviderIT} runs
 * the same against the packaged application (the native executable under {@code -Pnative}).
 */
@QuarkusTest
@TestProfile(LoudLoggingProfile.class)
@WithTestResource(value = CredentialsProviderTest.RotatingKeyStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
@ConnectFakeStorage
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredentialsProviderTest {

    /** The embedded storage for the three clients: the named ones with its key, the default one with the provider. */
    public static final class RotatingKeyStorage implements QuarkusTestResourceLifecycleManager {

        private FakeStorageServer server;

        @Override
        public Map<String, String> start() {
            server = FakeStorageServer.start(0, FakeStorageServer.generateApiKey());
            return Map.of("quarkus.opengater-storage.base-url", server.baseUrl(),
                    "quarkus.opengater-storage.credentials-provider.name", CREDENTIALS,
                    "quarkus.opengater-storage.credentials-provider.bean-name", RotatingCredentials.BEAN_NAME,
                    "quarkus.opengater-storage.\"media\".base-url", server.baseUrl(),
                    "quarkus.opengater-storage.\"media\".api-key", server.apiKey(),
                    "quarkus.opengater-storage.\"documents\".base-url", server.baseUrl(),
                    "quarkus.opengater-storage.\"documents\".api-key", server.apiKey());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
            }
        }
    }

    static final String CREDENTIALS = "storage";

    private static final String CALLS = "opengater_storage_calls_seconds_count{client=\"<default>\","
            + "operation=\"create-upload\",outcome=\"success\",status=\"2xx\"}";
    private static final String RETRIES = "ft_retry_retries_total{method=\"opengater-storage client <default>\"}";

    @InjectFakeStorage
    FakeStorage storage;

    /** The key that the storage accepts and the provider gives when a test starts. */
    String key;

    /** Every key a test used, for the secrecy check. */
    final List<String> keys = new ArrayList<>();

    private CapturedLogs logs;

    @BeforeEach
    void aKnownKeyInTheStorageAndTheProvider() {
        logs = CapturedLogs.start();
        storage.reset();
        key = rotateTo(FakeStorageServer.generateApiKey());
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    @Order(1)
    void theKeyIsReadWhenTheClientIsFirstUsedNotAtStart() {
        assertEquals(0, reads(), "the provider was read before the first call");

        Outcome outcome = Calls.create(Calls.DEFAULT, "image/png");

        assertNull(outcome.error(), outcome.message());
        assertEquals(1, reads());
        assertEquals(List.of("<valid>"), apiKeys(storage.requests("/uploads")));
    }

    @Test
    void aRotatedKeyIsReadAgainAndTheRefusedCallSentOnceMore() {
        keyInUse();
        int reads = reads();
        double calls = HealthAndMetricsIT.metric(CALLS);
        double retries = HealthAndMetricsIT.metric(RETRIES);

        rotateTo(FakeStorageServer.generateApiKey());
        Outcome outcome = Calls.create(Calls.DEFAULT, "image/png");

        assertNull(outcome.error(), outcome.message());
        assertEquals(List.of("<invalid>", "<valid>"), apiKeys(storage.requests("/uploads")));
        assertEquals(reads + 1, reads());
        assertEquals(calls + 1, HealthAndMetricsIT.metric(CALLS), "one call, one success");
        assertEquals(retries, HealthAndMetricsIT.metric(RETRIES), "the repetition is no retry of Fault Tolerance");
        assertNull(Calls.delete(Calls.DEFAULT, outcome.result().key()).error(), "the new key deletes too");
    }

    @Test
    void aWrongKeyFailsTypedAfterExactlyTwoRequestsEveryTime() {
        keyInUse();
        int reads = reads();
        storage.rotateApiKey(FakeStorageServer.generateApiKey());
        put("wrong-" + FakeStorageServer.generateApiKey());

        Outcome first = Calls.create(Calls.DEFAULT, "image/png");
        Outcome second = Calls.create(Calls.DEFAULT, "image/png");

        for (Outcome outcome : List.of(first, second)) {
            assertEquals("StorageAuthException", outcome.error());
            assertEquals(403, outcome.status());
            assertEquals("Invalid API key", outcome.detail());
        }
        assertEquals(List.of("<invalid>", "<invalid>", "<invalid>", "<invalid>"),
                apiKeys(storage.requests("/uploads")), "two requests a call, no loop");
        assertEquals(reads + 2, reads(), "one read after each refusal");
    }

    @Test
    void callsRefusedTogetherReadTheProviderOnce() throws Exception {
        keyInUse();
        int reads = reads();
        int calls = 8;

        rotateTo(FakeStorageServer.generateApiKey());
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            List<Future<Outcome>> started = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                started.add(callers.submit(() -> Calls.create(Calls.DEFAULT, "image/png")));
            }
            for (Future<Outcome> outcome : started) {
                outcomes.add(outcome.get());
            }
        } finally {
            callers.shutdownNow();
        }

        for (Outcome outcome : outcomes) {
            assertNull(outcome.error(), outcome.message());
        }
        List<String> sent = apiKeys(storage.requests("/uploads"));
        assertEquals(calls, sent.stream().filter("<valid>"::equals).count(), sent.toString());
        assertTrue(sent.size() <= 2 * calls, sent.toString());
        assertEquals(reads + 1, reads(), "one read for all the refused calls");
    }

    @Test
    void theReactiveClientOnTheEventLoopGetsTheKeyOfABlockingProvider() {
        keyInUse();

        rotateTo(FakeStorageServer.generateApiKey());
        String created = given().queryParam("contentType", "image/png").queryParam("prefix", "reactive")
                .post("/files/reactive").then().statusCode(200).extract().path("key");

        assertTrue(created.startsWith("reactive/"), created);
        assertEquals(List.of("<invalid>", "<valid>"), apiKeys(storage.requests("/uploads")));
        assertFalse(readsOf(CREDENTIALS).onEventLoop(), "the blocking provider was read on an event-loop thread");
    }

    @Test
    void noKeyIsInAFailureOrALogLine() throws Exception {
        Calls.create(Calls.DEFAULT, "image/png");
        rotateTo(FakeStorageServer.generateApiKey());
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(Calls.create(Calls.DEFAULT, "image/png"));
        storage.rotateApiKey(FakeStorageServer.generateApiKey());
        String wrong = "wrong-" + FakeStorageServer.generateApiKey();
        put(wrong);
        keys.add(wrong);
        outcomes.add(Calls.create(Calls.DEFAULT, "image/png"));

        assertNull(outcomes.get(0).error(), outcomes.get(0).message());
        assertEquals(403, outcomes.get(1).status());
        for (Outcome outcome : outcomes) {
            String failure = outcome.error() + " " + outcome.detail() + " " + outcome.message();
            for (String secret : keys) {
                assertFalse(failure.contains(secret), secret + " in " + outcome);
            }
        }
        String log = log();
        assertTrue(log.contains("X-API-Key"), "the request log does not show the headers:\n" + log);
        for (String line : log.split("\n")) {
            for (String secret : keys) {
                assertFalse(line.contains(secret), secret + " was logged: " + line);
            }
        }
    }

    /** What the application logged during the test. */
    String log() throws Exception {
        assertTrue(logs.lines().stream().anyMatch(line -> line.contains("/uploads")),
                "the REST client's request log was not captured: " + logs.lines());
        return String.join("\n", logs.lines());
    }

    /** The client has read the test's key and used it; the storage's request log is empty again. */
    private void keyInUse() {
        Outcome warm = Calls.create(Calls.DEFAULT, "image/png");
        assertNull(warm.error(), warm.message());
        storage.reset();
        storage.rotateApiKey(key);
    }

    /** Rotates the storage's key and the provider's to {@code next}, as an operator would. */
    private String rotateTo(String next) {
        storage.rotateApiKey(next);
        put(next);
        keys.add(next);
        return next;
    }

    private static void put(String apiKey) {
        given().contentType("application/json").body(Map.of("api-key", apiKey)).put("/credentials/" + CREDENTIALS)
                .then().statusCode(204);
    }

    private static int reads() {
        return readsOf(CREDENTIALS).reads();
    }

    static Reads readsOf(String credentials) {
        return given().get("/credentials/" + credentials + "/reads").then().statusCode(200).extract()
                .as(Reads.class);
    }

    private static List<String> apiKeys(List<ReceivedRequest> requests) {
        return requests.stream().map(request -> request.headers().getString("x-api-key")).toList();
    }
}
