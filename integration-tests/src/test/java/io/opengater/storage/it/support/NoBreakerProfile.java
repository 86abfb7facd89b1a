package io.opengater.storage.it.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The packaged application with every client's circuit breaker off, for the integration tests that fail calls on
 * purpose, many times (as {@code %test} does for the {@code @QuarkusTest}s); the breaker has {@link io.opengater.storage.it.CircuitBreakerIT}.
 * Runtime properties only: the executable was built without them.
 */
public class NoBreakerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.opengater-storage.circuit-breaker.enabled", "false",
                "quarkus.opengater-storage.\"media\".circuit-breaker.enabled", "false",
                "quarkus.opengater-storage.\"documents\".circuit-breaker.enabled", "false");
    }
}
