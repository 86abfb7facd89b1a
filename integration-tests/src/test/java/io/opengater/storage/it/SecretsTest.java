package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.it.support.CapturedLogs;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The API key appears in no log record (with DEBUG logging and the REST client's request logging on, see
 * {@code application.properties}), no exception and no {@code toString()}.
 */
@QuarkusTest
@TestProfile(SecretsTest.LogFile.class)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SecretsTest extends WireMockStorageTest {

    /**
     * Everything the application logs, from its start, also in a file of its own. Not in application.properties: the
     * integration tests' profiles would then write their runner's log there instead of where they read it.
     */
    public static class LogFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG_FILE,
                    "quarkus.log.file.level", "ALL");
        }
    }

    private static final String LOG_FILE = "target/secrets-test.log";

    @Inject
    ReactiveStorageClient reactiveStorage;

    private CapturedLogs logs;

    @BeforeEach
    void captureLogs() {
        logs = CapturedLogs.start();
    }

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void theKeyIsInNoLogRecordAndNoException() {
        wireMock.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"Invalid API key\"}")));
        wireMock.stubFor(delete(OBJECTS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        List<StorageException> failures = List.of(
                assertThrows(StorageException.class, () -> storage.createUpload("image/png")),
                assertThrows(StorageException.class, () -> storage.deleteByKey("a.png")),
                assertThrows(StorageException.class,
                        () -> reactiveStorage.createUpload("image/png", "p").await().indefinitely()));
        wireMock.stubFor(post(UPLOADS).willReturn(okJson(UPLOAD_JSON)));
        storage.createUpload("image/png");

        assertTrue(logs.lines().stream().anyMatch(line -> line.contains("/storage/uploads")),
                "the REST client's request log was not captured: " + logs.lines());
        assertTrue(logs.lines().stream().anyMatch(line -> line.contains("X-API-Key")),
                "the request log does not show the headers: " + logs.lines());
        for (String line : logs.lines()) {
            assertFalse(line.contains(WireMockStorage.API_KEY), "the key was logged: " + line);
        }
        for (StorageException failure : failures) {
            assertFalse(CapturedLogs.stackTrace(failure).contains(WireMockStorage.API_KEY), CapturedLogs.stackTrace(failure));
            assertFalse(String.valueOf(failure.detail()).contains(WireMockStorage.API_KEY));
        }
    }

    /**
     * The application's log file, written from its start: the creation of each client, its calls and failures, with
     * the keys of the default client, the named ones and a client built here, which uploads, fails and is retried
     * inside the window.
     */
    @Test
    void noKeyIsInTheLogFromTheStartOn() throws Exception {
        String builtKey = "ogs-built-key-5f31aa";
        wireMock.stubFor(post(UPLOADS).inScenario("built").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        wireMock.stubFor(post(UPLOADS).inScenario("built").whenScenarioStateIs("up")
                .willReturn(okJson("{\"upload_url\": \"" + wireMock.baseUrl() + "/bucket/k.png?X-Amz-Signature=s\","
                        + " \"key\": \"k.png\", \"public_url\": \"https://cdn.example/k.png\"}")));
        wireMock.stubFor(put(urlPathEqualTo("/bucket/k.png")).willReturn(aResponse().withStatus(200)));
        wireMock.stubFor(delete(OBJECTS).willReturn(aResponse().withStatus(401)));
        try (StorageClient built = StorageClient.builder().baseUrl(wireMock.baseUrl() + "/storage").apiKey(builtKey)
                .retryDelay(Duration.ofMillis(10)).build()) {
            built.upload(new byte[] { 1, 2, 3 }, "image/png", "p"); // the create is retried once
            assertThrows(StorageAuthException.class, () -> built.deleteByKey("k.png"));
        }
        wireMock.verify(putRequestedFor(urlPathEqualTo("/bucket/k.png")).withoutHeader("X-API-Key"));

        String log = thisJvmsPart(Files.readString(Path.of(LOG_FILE)));
        assertTrue(log.contains("Created opengater-storage client ClientSettings[name=<built>"),
                "the clients' creation is not in the log");
        assertTrue(log.contains("X-API-Key=****"), "the request log does not show the headers");
        List<String> keys = new ArrayList<>(WireMockStorage.NAMED_API_KEYS.values());
        keys.add(WireMockStorage.API_KEY);
        keys.add(builtKey);
        for (String key : keys) {
            assertFalse(log.contains(key), () -> "the key " + key + " was logged: " + log.lines()
                    .filter(line -> line.contains(key)).findFirst().orElseThrow());
        }
    }

    /** The file is appended to by each run: this JVM's lines are the last, from its first one (its PID) on. */
    private static String thisJvmsPart(String log) {
        int first = log.indexOf("[" + ProcessHandle.current().pid() + "] ");
        assertTrue(first >= 0, "nothing of this JVM in the log");
        return log.substring(log.lastIndexOf('\n', first) + 1);
    }

    @Test
    void theKeyIsInNoToString() {
        for (Object client : List.of(storage, reactiveStorage)) {
            assertFalse(client.toString().contains(WireMockStorage.API_KEY), client.toString());
            assertTrue(client.toString().contains("/storage"), client.toString());
        }
    }

}
