package io.opengater.storage.client.runtime;

import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opengater.storage.client.StorageException;
import io.smallrye.mutiny.Uni;

/**
 * The clients' metrics, in the application's Micrometer registry. A bean only when the application has
 * {@code quarkus-micrometer} and {@code quarkus.opengater-storage.metrics.enabled} is true (the build adds it); nothing
 * refers to it otherwise. The names are documented in the README:
 * {@value #CALLS}, a timer per call, all attempts included, tagged {@code client}, {@code operation},
 * {@code outcome} ({@code success} or the exception's simple class name) and {@code status} (the HTTP status of a
 * failure, {@code 2xx} on success, {@code none} without a response). Retries and the circuit breaker's state are Fault Tolerance's own metrics of each client's guards
 * ({@code ft.retry.retries.total}, {@code ft.circuitbreaker.state.current}, tagged
 * {@code method="opengater-storage client <name>"}), which it publishes for every guard with a description.
 */
final class MicrometerCallMetrics implements CallTelemetry {

    static final String CALLS = "opengater.storage.calls";

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
}
