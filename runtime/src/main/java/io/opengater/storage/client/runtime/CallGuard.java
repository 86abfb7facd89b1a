package io.opengater.storage.client.runtime;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import io.opengater.storage.client.StorageUnavailableException;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * The boundary of one client's calls of one kind (to the service, or to the storage host): the fault tolerance built
 * from the client's settings, the telemetry of each call and attempt, and the one place where failures become the
 * contract's exceptions, for the operation that travels with the call.
 * <p>
 * Fault Tolerance retries the calls and breaks the circuit; each attempt's time limit is Mutiny's, on
 * {@link AttemptTimeouts}. Fault Tolerance's own timeout wakes its timer thread for every attempt, which cost a blocking
 * caller about a sixth of its calls per second (BENCHMARKS.md, "Each attempt's time limit without Fault Tolerance's
 * timer").
 */
final class CallGuard {

    static final TypeLiteral<Uni<Void>> UNI_VOID = new TypeLiteral<>() {
    };

    private static final List<Class<? extends Throwable>> UNAVAILABLE = List.of(StorageUnavailableException.class);

    private final Guard guard;
    private final Duration timeout;
    private final AttemptTimeouts timeouts;
    private final String client;
    private final CallTelemetry telemetry;
    private volatile CircuitBreakerState circuitBreakerState = CircuitBreakerState.CLOSED;

    /**
     * Retry outside the circuit breaker outside the per-attempt timeout. Only unavailability is retried and counted by
     * the breaker: a 4xx is the caller's to fix.
     *
     * @param timeout the time limit of each attempt
     * @param retried whether failed attempts are retried as the settings say (a stream cannot be sent twice)
     * @param circuitBreaker whether the calls have a circuit breaker, when the settings enable one
     * @param timeouts where the attempts' time limits are kept
     */
    CallGuard(ClientSettings settings, String description, Duration timeout, boolean retried, boolean circuitBreaker,
            CallTelemetry telemetry, AttemptTimeouts timeouts) {
        this.timeout = timeout;
        this.client = settings.name();
        this.telemetry = telemetry;
        this.timeouts = timeouts;
        Guard.Builder guard = Guard.create()
                .withDescription(description)
                .withThreadOffload(false);
        int maxRetries = settings.config().retry().maxRetries();
        Duration delay = settings.config().retry().delay();
        Duration maxDelay = settings.config().retry().maxDelay();
        if (retried && maxRetries > 0) {
            Duration longestCall = timeout.plus(maxDelay).multipliedBy(maxRetries + 1L).plusSeconds(1);
            guard.withRetry()
                    .maxRetries(maxRetries)
                    .delay(delay.toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(longestCall.toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .retryOn(UNAVAILABLE)
                    .withCustomBackoff()
                    // made for each call
                    .strategy(() -> new RetryBackoff(delay, maxDelay))
                    .done()
                    .done();
        }
        StorageClientConfig.CircuitBreakerConfig breaker = settings.config().circuitBreaker();
        if (circuitBreaker && breaker.enabled()) {
            guard.withCircuitBreaker()
                    .failOn(UNAVAILABLE)
                    .requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .onStateChange(state -> circuitBreakerState = state)
                    .done();
        }
        this.guard = guard.build();
    }

    /** {@code CLOSED} too when there is no breaker. */
    CircuitBreakerState circuitBreakerState() {
        return circuitBreakerState;
    }

    /**
     * One guarded call, subscribed anew for each subscriber. Each failure is translated once: an attempt's (its
     * time limit among them) as it ends, so that the retry, the breaker and the attempt's span see the contract's
     * exception; the guard's own (an open breaker) as they leave it.
     */
    <T> Uni<T> call(Operation operation, TypeLiteral<Uni<T>> type, Supplier<Uni<T>> attempt) {
        Supplier<Uni<T>> translatedAttempt = () -> {
            Uni<T> started;
            try {
                started = attempt.get();
            } catch (RuntimeException failure) {
                return Uni.createFrom().failure(StorageErrors.translate(operation, timeout, failure));
            }
            return started.ifNoItem().after(timeout).on(timeouts.forThisThread()).fail()
                    .onFailure().transform(failure -> StorageErrors.translate(operation, timeout, failure));
        };
        return Uni.createFrom().deferred(() -> {
            CallTelemetry.Call call = telemetry.start(client, operation.kind());
            Uni<T> guarded;
            if (call == CallTelemetry.Call.NONE) {
                // Without metrics or tracing nothing is observed: each further operator costs a context capture.
                guarded = guard.get(translatedAttempt, type);
            } else {
                AtomicInteger attempts = new AtomicInteger();
                guarded = guard.get(() -> call.attempt(attempts.incrementAndGet(), translatedAttempt), type);
            }
            guarded = guarded.onFailure(FaultToleranceException.class)
                    .transform(failure -> StorageErrors.translate(operation, timeout, failure));
            return call == CallTelemetry.Call.NONE ? guarded
                    : guarded.onItemOrFailure().invoke((item, failure) -> call.end(failure))
                            .onCancellation().invoke(() -> call.end(new CancellationException("cancelled by the caller")));
        });
    }
}
