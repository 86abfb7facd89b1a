package io.opengater.storage.client.runtime;

import java.util.Locale;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opengater.storage.client.StorageException;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;

/**
 * The clients' metrics, in the application's Micrometer registry. A bean only when the application has
 * {@code quarkus-micrometer} and {@code quarkus.opengater-storage.metrics.enabled} is true (the build adds it); nothing
 * refers to it otherwise. The names are documented in the README:
 * <ul>
 * <li>{@value #CALLS}: a timer per call, all attempts included, tagged {@code client}, {@code operation},
 * {@code outcome} ({@code success} or the exception's simple class name) and {@code status} (the HTTP status of a
 * failure, {@code 2xx} on success, {@code none} without a response);</li>
 * <li>{@value #RETRIES}: a counter of retries, tagged {@code client} and {@code operation};</li>
 * <li>{@value #CIRCUIT_BREAKER_STATE}: per injected client and {@code state} ({@code closed}, {@code open},
 * {@code half-open}), 1 for the breaker's current state and 0 for the others.</li>
 * </ul>
 */
final class MicrometerCallMetrics implements CallTelemetry {

    static final String CALLS = "opengater.storage.calls";
    static final String RETRIES = "opengater.storage.retries";
    static final String CIRCUIT_BREAKER_STATE = "opengater.storage.circuit-breaker.state";

    private final MeterRegistry registry;

    MicrometerCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Call start(String client, String operation) {
        Timer.Sample sample = Timer.start(registry);
        return new Call() {
            @Override
            public <T> Uni<T> attempt(int number, Supplier<Uni<T>> attempt) {
                if (number > 1) {
                    Counter.builder(RETRIES)
                            .description("Retries of the opengater-storage clients' calls")
                            .tag("client", client)
                            .tag("operation", operation)
                            .register(registry)
                            .increment();
                }
                return attempt.get();
            }

            @Override
            public void end(Throwable failure) {
                sample.stop(Timer.builder(CALLS)
                        .description("Calls of the opengater-storage clients, retries included")
                        .tag("client", client)
                        .tag("operation", operation)
                        .tag("outcome", failure == null ? "success" : failure.getClass().getSimpleName())
                        .tag("status", status(failure))
                        .register(registry));
            }
        };
    }

    private static String status(Throwable failure) {
        if (failure == null) {
            return "2xx";
        }
        if (failure instanceof StorageException storage && storage.statusCode() != null) {
            return String.valueOf(storage.statusCode());
        }
        return "none";
    }

    @Override
    public void clientCreated(String client, Supplier<CircuitBreakerState> circuitBreakerState) {
        for (CircuitBreakerState state : CircuitBreakerState.values()) {
            Gauge.builder(CIRCUIT_BREAKER_STATE, circuitBreakerState, current -> current.get() == state ? 1 : 0)
                    .description("1 for the current state of an opengater-storage client's circuit breaker")
                    .tag("client", client)
                    .tag("state", state.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .strongReference(true)
                    .register(registry);
        }
    }
}
