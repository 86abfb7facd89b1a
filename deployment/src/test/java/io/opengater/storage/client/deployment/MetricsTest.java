package io.opengater.storage.client.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.client.StorageNotFoundException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With {@code quarkus-micrometer} (and its Prometheus registry), every call is timed per client, operation, outcome
 * and status, retries are counted, and the circuit breaker's state is a gauge; on the embedded storage.
 */
class MetricsTest extends EmbeddedStorageTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class))
            .overrideConfigKey("quarkus.opengater-storage.retry.delay", "10MS");

    @Inject
    MeterRegistry registry;

    @Inject
    StorageClient storage;

    @Test
    void callsAreTimedByOutcomeAndStatus() {
        long successes = count("create-upload", "success", "2xx");
        long notFound = count("delete-object", "StorageNotFoundException", "404");

        storage.createUpload("image/png", "metrics");
        storage.createUpload("image/png", "metrics");
        assertThrows(StorageNotFoundException.class, () -> storage.deleteByKey("no/such/key.png"));

        assertEquals(successes + 2, count("create-upload", "success", "2xx"));
        assertEquals(notFound + 1, count("delete-object", "StorageNotFoundException", "404"));
        Timer timer = registry.find("opengater.storage.calls").tag("operation", "create-upload").timer();
        assertNotNull(timer);
        assertTrue(timer.totalTime(TimeUnit.NANOSECONDS) > 0);
    }

    @Test
    void retriesAreCounted() {
        double before = retries();
        fake.failNext("/uploads", 503, 2);

        storage.createUpload("image/png");

        assertEquals(before + 2, retries());
        assertEquals(3, fake.requests("/uploads").size());
    }

    @Test
    void theCircuitBreakerStateIsAGauge() {
        assertEquals(1.0, breaker("closed").value());
        assertEquals(0.0, breaker("open").value());
        assertEquals(0.0, breaker("halfOpen").value());
    }

    @Test
    void theMetricsArePublished() {
        storage.createUpload("image/png");

        String scrape = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertTrue(scrape.contains("opengater_storage_calls_seconds_count{client=\"<default>\",operation=\"create-upload\""
                + ",outcome=\"success\",status=\"2xx\"}"), scrape);
        assertTrue(scrape.contains("ft_circuitbreaker_state_current{method=\"opengater-storage client <default>\","
                + "state=\"closed\"} 1.0"), scrape);
        assertFalse(scrape.contains(apiKey));
    }

    @Test
    void noMetricTagCarriesThePresignedQuery() {
        fake.failNext("/bucket/", 503, 1);
        UploadResult upload = storage.upload(new byte[] { 1 }, "image/png", "metrics");

        String scrape = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertTrue(scrape.contains("operation=\"put-object\""), scrape);
        String query = upload.uploadUrl().substring(upload.uploadUrl().indexOf('?') + 1);
        for (String parameter : query.split("&")) {
            assertFalse(scrape.contains(parameter.substring(parameter.indexOf('=') + 1)), parameter);
        }
        assertFalse(scrape.contains(upload.key()), "an object's key is no tag either");
    }

    private long count(String operation, String outcome, String status) {
        Timer timer = registry.find("opengater.storage.calls").tags("client", "<default>", "operation", operation,
                "outcome", outcome, "status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    private double retries() {
        Counter counter = registry.find("ft.retry.retries.total")
                .tags("method", "opengater-storage client <default>").counter();
        return counter == null ? 0 : counter.count();
    }

    private Gauge breaker(String state) {
        Gauge gauge = registry.find("ft.circuitbreaker.state.current")
                .tags("method", "opengater-storage client <default>", "state", state).gauge();
        assertNotNull(gauge, state);
        return gauge;
    }
}
