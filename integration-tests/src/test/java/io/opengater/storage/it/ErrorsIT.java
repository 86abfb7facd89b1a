package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.opengater.storage.it.CallsResource.Outcome;
import io.opengater.storage.it.support.Calls;
import io.opengater.storage.it.support.InjectWireMock;
import io.opengater.storage.it.support.NoBreakerProfile;
import io.opengater.storage.it.support.WireMockStorage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The packaged application (the native executable under {@code -Pnative}) maps each failure of the service to the
 * typed exception with its status and detail, and times out: all through the {@code media} client, whose settings
 * ({@code application.properties}) are a 2 s timeout and no retries, so that every failure is exactly one request.
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
@TestProfile(NoBreakerProfile.class)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ErrorsIT {

    @InjectWireMock("media")
    WireMockServer media;

    @BeforeEach
    void reset() {
        media.resetAll();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            400 | {"detail": "prefix too long"}  | StorageBadRequestException  | prefix too long
            401 | {"detail": "Invalid API key"}  | StorageAuthException        | Invalid API key
            403 | {"detail": "Not allowed"}      | StorageAuthException        | Not allowed
            404 | {"detail": "Not Found"}        | StorageNotFoundException    | Not Found
            409 | {"detail": "Already exists"}   | StorageException            | Already exists
            422 | {"detail": [{"loc": ["body", "content_type"], "msg": "field required"}]} | StorageException | [{"loc":["body","content_type"],"msg":"field required"}]
            429 | {"detail": "Slow down"}        | StorageUnavailableException | Slow down
            500 | Internal Server Error          | StorageUnavailableException | Internal Server Error
            503 | {"detail": "overloaded"}       | StorageUnavailableException | overloaded
            """)
    void eachStatusIsTypedWithItsDetail(int status, String body, String type, String detail) {
        media.stubFor(post("/media/uploads").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", body.startsWith("{") ? "application/json" : "text/plain").withBody(body)));

        Outcome outcome = Calls.create("media", "image/png");

        assertEquals(type, outcome.error());
        assertEquals(status, outcome.status());
        assertEquals(detail, outcome.detail());
        assertEquals("POST /uploads failed with HTTP " + status + ": " + detail, outcome.message());
        assertEquals(1, Calls.requests(media));
    }

    @Test
    void aSuccessWithoutAllFieldsIsAStorageException() {
        media.stubFor(post("/media/uploads").willReturn(okJson("{\"upload_url\": \"https://s3.example/k?sig=1\"}")));

        Outcome outcome = Calls.create("media", "image/png");

        assertEquals("StorageException", outcome.error());
        assertEquals(200, outcome.status());
        assertEquals("the response lacks key, public_url", outcome.detail());
    }

    @Test
    void aDeleteOfAnUnknownKeyIsNotFound() {
        media.stubFor(delete("/media/objects").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"Object not found\"}")));

        Outcome outcome = Calls.delete("media", "gone.png");

        assertEquals("StorageNotFoundException", outcome.error());
        assertEquals(404, outcome.status());
        assertEquals("Object not found", outcome.detail());
    }

    @Test
    void aSlowServiceTimesOutAfterTheClientsTimeout() {
        media.stubFor(post("/media/uploads").willReturn(okJson("{}").withFixedDelay(4_000)));

        Outcome outcome = Calls.create("media", "image/png");

        assertEquals("StorageUnavailableException", outcome.error());
        assertNull(outcome.status());
        assertEquals("timed out after 2s: POST /uploads", outcome.detail());
        assertTrue(outcome.millis() >= 1_900 && outcome.millis() < 3_500, "took " + outcome.millis() + " ms");
    }

    @Test
    void aResetConnectionIsUnavailableWithoutStatus() {
        media.stubFor(post("/media/uploads").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Outcome outcome = Calls.create("media", "image/png");

        assertEquals("StorageUnavailableException", outcome.error());
        assertNull(outcome.status());
        assertTrue(outcome.detail().startsWith("connection failed"), outcome.detail());
        assertTrue(outcome.detail().endsWith(": POST /uploads"), outcome.detail());
    }
}
