package io.opengater.storage.client.runtime;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.opengater.storage.client.StorageUnavailableException;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * The fault tolerance of every call the clients make, to the service and to the storage host alike: one guard per
 * client and kind of call, built from the client's settings, and the translation of failures into the contract's
 * exceptions.
 */
final class Guarded {

    static final TypeLiteral<Uni<Void>> UNI_VOID = new TypeLiteral<>() {
    };

    private static final List<Class<? extends Throwable>> UNAVAILABLE = List.of(StorageUnavailableException.class,
            TimeoutException.class);

    private Guarded() {
    }

    /**
     * Retry outside the circuit breaker (when there is one) outside the per-attempt timeout. Only unavailability is
     * retried and counted by the breaker: a 4xx is the caller's to fix.
     */
    static Guard guard(ClientSettings settings, String description, Duration timeout, boolean circuitBreaker) {
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
                    .done();
        }
        return guard.build();
    }

    /**
     * One guarded call, subscribed anew for each subscriber. Each attempt's failure is translated first, so that the
     * retry and the breaker see the typed exception; what escapes the guard (its own timeout, an open breaker) is
     * translated last.
     */
    static <T> Uni<T> call(Guard guard, String operation, Duration timeout, TypeLiteral<Uni<T>> type,
            Supplier<Uni<T>> attempt) {
        Supplier<Uni<T>> translatedAttempt = () -> attempt.get()
                .onFailure().transform(failure -> StorageErrors.translate(operation, timeout, failure));
        return Uni.createFrom().deferred(() -> guard.get(translatedAttempt, type))
                .onFailure().transform(failure -> StorageErrors.translate(operation, timeout, failure));
    }
}
