package io.opengater.storage.client.runtime;

import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The build-time configuration of the opengater-storage clients.
 */
@ConfigMapping(prefix = "quarkus.opengater-storage")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface StorageBuildTimeConfig {

    /**
     * Dev Services: the embedded storage started in dev and test mode.
     */
    @ConfigDocSection
    StorageDevServicesConfig devservices();

    /**
     * Readiness checks, with {@code quarkus-smallrye-health}.
     */
    HealthConfig health();

    /**
     * Metrics, with {@code quarkus-micrometer}.
     */
    MetricsConfig metrics();

    /**
     * Tracing, with {@code quarkus-opentelemetry}.
     */
    TracingConfig tracing();

    /**
     * Readiness checks, with {@code quarkus-smallrye-health}.
     */
    @ConfigGroup
    interface HealthConfig {

        /**
         * Whether each injected client has a readiness check when the application has
         * {@code quarkus-smallrye-health}. The check makes one {@code POST /uploads} (an upload URL that is never
         * used: nothing is stored) each time the readiness endpoint is called, and is UP when the service accepts it
         * with a 2xx.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * Metrics, with {@code quarkus-micrometer}.
     */
    @ConfigGroup
    interface MetricsConfig {

        /**
         * Whether the clients publish the metric {@code opengater.storage.calls} when the application has
         * {@code quarkus-micrometer}. Retries and the circuit breaker's state are Fault Tolerance's own metrics
         * ({@code ft.retry.retries.total}, {@code ft.circuitbreaker.state.current}, for
         * {@code method="opengater-storage client <name>"}).
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * Tracing, with {@code quarkus-opentelemetry}.
     */
    @ConfigGroup
    interface TracingConfig {

        /**
         * Whether the clients make a span for every call and every attempt when the application has
         * {@code quarkus-opentelemetry}.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * Dev Services start a fake opengater-storage inside the application's process (no container, no other process)
     * in dev and test mode, for every injected client whose {@code base-url} is not set, and point those clients at
     * it. Never in production mode.
     */
    @ConfigGroup
    interface StorageDevServicesConfig {

        /**
         * Whether Dev Services start the embedded storage when a client has no {@code base-url}.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The loopback port the embedded storage listens on; a free port when not set.
         */
        OptionalInt port();

        /**
         * The API key the embedded storage accepts, and that the clients are given; generated when not set. A client
         * that reads its key from a credentials provider ({@code credentials-provider.name}) is not given it: set this
         * to the key that the provider gives in dev and test mode.
         */
        Optional<String> apiKey();
    }
}
