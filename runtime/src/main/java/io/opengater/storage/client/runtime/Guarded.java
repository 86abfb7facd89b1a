package io.opengater.storage.client.runtime;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.opengater.storage.client.StorageUnavailableException;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * The fault tolerance of one client's calls of one kind (to the service, or to the storage host): a guard built from
 * the client's settings, the translation of failures into the contract's exceptions, and the telemetry of each call
 * and attempt.
 */
final class Guarded {

    static final TypeLiteral<Uni<Void>> UNI_VOID = new TypeLiteral<>() {
    };

    private static final List<Class<? extends Throwable>> UNAVAILABLE = List.of(StorageUnavailableException.class,
            TimeoutException.class);

    private final Guard guard;
    private final Duration timeout;
    private final String client;
    private final CallTelemetry telemetry;
    private volatile CircuitBreakerState circuitBreakerState = CircuitBreakerState.CLOSED;

    /**
     * Retry outside the circuit breaker (when there is one) outside the per-attempt timeout. Only unavailability is
     * retried and counted by the breaker: a 4xx is the caller's to fix.
     */
    Guarded(ClientSettings settings, String description, Duration timeout, boolean circuitBreaker,
            CallTelemetry telemetry) {
        this.timeout = timeout;
        this.client = settings.name();
        this.telemetry = telemetry;
        Guard.Builder guard = Guard.create()
                .withDescription(description)
                .withThreadOffload(false)
                .withTimeout().duration(timeout.toMillis(), ChronoUnit.MILLIS).done();
        if (settings.maxRetries() > 0) {
            Duration longestCall = timeout.plus(settings.retryMaxDelay())
                    .multipliedBy(settings.maxRetries() + 1L).plusSeconds(1);
            guard.withRetry()
                    .maxRetries(settings.maxRetries())
                    .delay(settings.retryDelay().toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(longestCall.toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .retryOn(UNAVAILABLE)
                    .withCustomBackoff()
                    .strategy(() -> new RetryBackoff(settings.retryDelay(), settings.retryMaxDelay()))
                    .done()
                    .done();
        }
        if (circuitBreaker && settings.circuitBreakerEnabled()) {
            guard.withCircuitBreaker()
                    .failOn(UNAVAILABLE)
                    .requestVolumeThreshold(settings.circuitBreakerRequestVolumeThreshold())
                    .failureRatio(settings.circuitBreakerFailureRatio())
                    .delay(settings.circuitBreakerDelay().toMillis(), ChronoUnit.MILLIS)
                    .onStateChange(state -> circuitBreakerState = state)
                    .done();
        }
        this.guard = guard.build();
    }

    /** {@code CLOSED} too when the client has no breaker. */
    CircuitBreakerState circuitBreakerState() {
        return circuitBreakerState;
    }

    /**
     * One guarded call, subscribed anew for each subscriber. Each attempt's failure is translated first, so that the
     * retry and the breaker see the typed exception; what escapes the guard (its own timeout, an open breaker) is
     * translated last.
     *
     * @param kind the operation as telemetry names it, such as {@code create-upload}
     * @param operation the operation as messages name it, such as {@code POST /uploads}
     */
    <T> Uni<T> call(String kind, String operation, TypeLiteral<Uni<T>> type, Supplier<Uni<T>> attempt) {
        Supplier<Uni<T>> translatedAttempt = () -> attempt.get()
                .onFailure().transform(failure -> StorageErrors.translate(operation, timeout, failure));
        if (telemetry == CallTelemetry.NONE) {
            // Without metrics or tracing, no per-call bookkeeping: every operator costs a context capture when
            // context propagation is on (BENCHMARKS.md).
            return Uni.createFrom().deferred(() -> guard.get(translatedAttempt, type)
                    .onFailure().transform(failure -> StorageErrors.translate(operation, timeout, failure)));
        }
        return Uni.createFrom().deferred(() -> {
            CallTelemetry.Call call = telemetry.start(client, kind);
            AtomicInteger attempts = new AtomicInteger();
            Supplier<Uni<T>> observedAttempt = () -> call.attempt(attempts.incrementAndGet(), translatedAttempt);
            return guard.get(observedAttempt, type)
                    .onFailure().transform(failure -> StorageErrors.translate(operation, timeout, failure))
                    .onItemOrFailure().invoke((item, failure) -> call.end(failure))
                    .onCancellation().invoke(() -> call.end(new CancellationException("cancelled by the caller")));
        });
    }
}
