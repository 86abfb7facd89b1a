package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.opengater.storage.it.CallsResource.Outcome;
import io.opengater.storage.it.support.Calls;
import io.opengater.storage.it.support.InjectWireMock;
import io.opengater.storage.it.support.NoBreakerProfile;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Retries in the packaged application (the native executable under {@code -Pnative}), counted in the requests
 * WireMock received: the default client with the defaults a user gets ({@code retry.max-retries} 2, {@code delay}
 * 200 ms, {@code max-delay} 5 s); a {@code Retry-After} is waited for, up to {@code max-delay}; a 4xx is sent once.
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
@TestProfile(NoBreakerProfile.class)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RetriesIT {

    private static final String UPLOADS = "/storage/uploads";

    @InjectWireMock
    WireMockServer service;

    @BeforeEach
    void reset() {
        service.resetAll();
    }

    /** {@code first}, then a success. */
    private void respondFirstWith(ResponseDefinitionBuilder first) {
        service.stubFor(post(UPLOADS).inScenario("once").whenScenarioStateIs(STARTED).willReturn(first)
                .willSetStateTo("up"));
        service.stubFor(post(UPLOADS).inScenario("once").whenScenarioStateIs("up")
                .willReturn(okJson(WireMockStorageTest.UPLOAD_JSON)));
    }

    @Test
    void twoUnavailableResponsesThenSuccessMakeExactlyThreeRequests() {
        service.stubFor(post(UPLOADS).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        service.stubFor(post(UPLOADS).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("third"));
        service.stubFor(post(UPLOADS).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(okJson(WireMockStorageTest.UPLOAD_JSON)));

        Outcome outcome = Calls.create(Calls.DEFAULT, "image/png");

        assertNull(outcome.error(), outcome.message());
        assertEquals("news/articles/2f9c.png", outcome.result().key());
        assertEquals(3, Calls.requests(service));
    }

    @Test
    void aLastingUnavailabilityFailsAfterThreeRequests() {
        service.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"overloaded\"}")));

        Outcome outcome = Calls.create(Calls.DEFAULT, "image/png");

        assertEquals("StorageUnavailableException", outcome.error());
        assertEquals(503, outcome.status());
        assertEquals("overloaded", outcome.detail());
        assertEquals(3, Calls.requests(service));
    }

    @Test
    void aClientErrorIsSentOnce() {
        service.stubFor(post(UPLOADS).willReturn(aResponse().withStatus(409)));

        assertEquals(409, Calls.create(Calls.DEFAULT, "image/png").status());
        assertEquals(1, Calls.requests(service));
    }

    @Test
    void retryAfterOnA429IsWaitedFor() {
        respondFirstWith(aResponse().withStatus(429).withHeader("Retry-After", "1"));

        Outcome outcome = Calls.create(Calls.DEFAULT, "image/png");

        assertNull(outcome.error(), outcome.message());
        assertEquals(2, Calls.requests(service));
        // The first back-off is 200 ms with jitter: only Retry-After explains a wait of a second.
        assertTrue(outcome.millis() >= 950 && outcome.millis() < 4_000, "took " + outcome.millis() + " ms");
    }

    @Test
    void retryAfterOnA503IsCappedByMaxDelay() {
        respondFirstWith(aResponse().withStatus(503).withHeader("Retry-After", "3600"));

        Outcome outcome = Calls.create(Calls.DEFAULT, "image/png");

        assertNull(outcome.error(), outcome.message());
        assertEquals(2, Calls.requests(service));
        assertTrue(outcome.millis() >= 4_900 && outcome.millis() < 10_000, "took " + outcome.millis() + " ms");
    }
}
