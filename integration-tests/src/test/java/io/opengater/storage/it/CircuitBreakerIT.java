package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.opengater.storage.it.CallsResource.Outcome;
import io.opengater.storage.it.support.Calls;
import io.opengater.storage.it.support.InjectWireMock;
import io.opengater.storage.it.support.WireMockStorage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * In the packaged application (the native executable under {@code -Pnative}), the default client's breaker
 * ({@link CircuitBreakerTest.BreakerProfile}: 4 requests, half failing, no retries) opens after four 503s, and the
 * fifth call fails at once, typed, without reaching the service; the breaker's gauge and the readiness check say it
 * is open.
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
@TestProfile(CircuitBreakerTest.BreakerProfile.class)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CircuitBreakerIT {

    @InjectWireMock
    WireMockServer service;

    @Test
    void theBreakerOpensAndThenFailsWithoutSending() {
        service.resetAll();
        service.stubFor(post("/storage/uploads").willReturn(aResponse().withStatus(503)));

        for (int i = 0; i < 4; i++) {
            Outcome failed = Calls.create(Calls.DEFAULT, "image/png");
            assertEquals("StorageUnavailableException", failed.error());
            assertEquals(503, failed.status());
        }
        Outcome open = Calls.create(Calls.DEFAULT, "image/png");

        assertEquals("StorageUnavailableException", open.error());
        assertNull(open.status());
        assertEquals("circuit breaker is open after repeated failures, call not sent: POST /uploads", open.detail());
        assertEquals(4, Calls.requests(service));
        assertEquals(1.0, HealthAndMetricsIT.metric(
                "ft_circuitbreaker_state_current{method=\"opengater-storage client <default>\",state=\"open\"}"));

        // The readiness check asks the service itself, past the breaker, and reports the breaker's state beside.
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'opengater-storage' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'opengater-storage' }.data.status", equalTo(503))
                .body("checks.find { it.name == 'opengater-storage' }.data.'circuit-breaker'", equalTo("open"));
        assertEquals(5, Calls.requests(service));
    }
}
