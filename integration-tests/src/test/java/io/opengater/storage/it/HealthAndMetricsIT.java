package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

import io.opengater.storage.it.support.Calls;
import io.opengater.storage.it.support.NoBreakerProfile;
import io.opengater.storage.it.support.WireMockServices;
import io.opengater.storage.it.support.WireMockStorage;
import io.opengater.storage.it.support.WireMockStorageTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The readiness checks ({@code quarkus-smallrye-health}) and metrics ({@code quarkus-micrometer-registry-prometheus})
 * of the packaged application (the native executable under {@code -Pnative}): one check per client, UP or DOWN with
 * the service's status; calls and retries counted in the Prometheus scrape. {@link CircuitBreakerIT} shows an open
 * breaker in both.
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
@TestProfile(NoBreakerProfile.class)
@WithTestResource(value = WireMockStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HealthAndMetricsIT extends WireMockServices {

    private static final String DEFAULT_CHECK = "checks.find { it.name == 'opengater-storage' }";
    private static final String DOCUMENTS_CHECK = "checks.find { it.name == 'opengater-storage \"documents\"' }";

    @Test
    void eachClientHasAReadinessCheckThatAsksItsService() {
        service.stubFor(post(anyUrl()).willReturn(okJson(WireMockStorageTest.UPLOAD_JSON)));
        media.stubFor(post(anyUrl()).willReturn(okJson(WireMockStorageTest.UPLOAD_JSON)));
        documents.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"maintenance\"}")));

        String body = given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(DEFAULT_CHECK + ".status", equalTo("UP"))
                .body(DEFAULT_CHECK + ".data.'base-url'", endsWith("/storage"))
                .body("checks.find { it.name == 'opengater-storage \"media\"' }.status", equalTo("UP"))
                .body(DOCUMENTS_CHECK + ".status", equalTo("DOWN"))
                .body(DOCUMENTS_CHECK + ".data.error", equalTo("StorageUnavailableException"))
                .body(DOCUMENTS_CHECK + ".data.status", equalTo(503))
                .body(DOCUMENTS_CHECK + ".data.detail", equalTo("maintenance"))
                .extract().asString();

        assertEquals(1, Calls.requests(service));
        assertEquals(1, Calls.requests(media));
        for (String key : List.of(WireMockStorage.API_KEY, WireMockStorage.NAMED_API_KEYS.get("documents"))) {
            assertFalse(body.contains(key), body);
        }
    }

    @Test
    void callsAndRetriesAreCounted() {
        String calls = "opengater_storage_calls_seconds_count{client=\"<default>\",operation=\"create-upload\","
                + "outcome=\"success\",status=\"2xx\"}";
        String retries = "ft_retry_retries_total{method=\"opengater-storage client <default>\"}";
        double callsBefore = metric(calls);
        double retriesBefore = metric(retries);
        service.stubFor(post(anyUrl()).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        service.stubFor(post(anyUrl()).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson(WireMockStorageTest.UPLOAD_JSON)));

        Calls.create(Calls.DEFAULT, "image/png");
        Calls.create(Calls.DEFAULT, "image/png");

        assertEquals(callsBefore + 2, metric(calls));
        assertEquals(retriesBefore + 1, metric(retries));
    }

    /** The value of the series {@code series} (name and labels) in the application's Prometheus scrape, or 0. */
    static double metric(String series) {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(0.0);
    }
}
