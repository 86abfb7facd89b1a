package io.opengater.storage.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The service could not serve the call for now: it answered 429 or a 5xx status, or no answer came at all (timeout,
 * refused or reset connection, unknown host, TLS failure), or the circuit breaker is open after repeated failures.
 * <p>
 * These are the failures the client retries; the exception reaches the caller once the retries are spent. Without a
 * response, {@link #statusCode()} is {@code null} and {@link #detail()} says in words what happened.
 */
public final class StorageUnavailableException extends StorageException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param operation the call that failed, as {@code "POST /uploads"}
     * @param statusCode the HTTP status (429 or 5xx), or {@code null} when no answer came
     * @param detail the service's {@code detail}, or words describing a failure without a response
     * @param retryAfter how long the service asked to wait ({@code Retry-After}), or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public StorageUnavailableException(String operation, Integer statusCode, String detail, Duration retryAfter,
            Throwable cause) {
        super(operation, statusCode, detail, cause);
        this.retryAfter = retryAfter;
    }

    /**
     * @return the wait the service asked for in a {@code Retry-After} header, if it sent one
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
