package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageException;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The API key appears in no log record (with DEBUG logging and the REST client's request logging on, see
 * {@code application.properties}), no exception and no {@code toString()}.
 */
@QuarkusTest
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SecretsTest extends WireMockStorageTest {

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

    @Test
    void theKeyIsInNoToString() {
        for (Object client : List.of(storage, reactiveStorage)) {
            assertFalse(client.toString().contains(WireMockStorage.API_KEY), client.toString());
            assertTrue(client.toString().contains("/storage"), client.toString());
        }
    }

}
