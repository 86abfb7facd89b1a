package io.opengater.storage.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The service could not serve the call for now: it responded with 429 or a 5xx status, or no response came at all (timeout,
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
     * @param statusCode the HTTP status (429 or 5xx), or {@code null} when no response came
     * @param detail the service's {@code detail}, or words describing a failure without a response
     * @param retryAfter how long the service asked to wait ({@code Retry-After}), or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public StorageUnavailableException(String operation, Integer statusCode, String detail, Duration retryAfter,
            Throwable cause) {
        super(operation, statusCode, detail, cause);
        this.retryAfter = retryAfter;
    }

    private StorageUnavailableException(String operation, String reason, Throwable cause) {
        super(operation, null, reason + ": " + operation, operation + " failed: " + reason, cause);
        this.retryAfter = null;
    }

    /**
     * No usable response came: a timeout, a connection, DNS or TLS failure, a broken response, an open circuit
     * breaker.
     *
     * @param operation the call that failed, as {@code "POST /uploads"}
     * @param reason what happened, in words, as {@code "timed out after 30s"}
     * @param cause the underlying failure, or {@code null}
     * @return an exception without status, whose detail is {@code "<reason>: <operation>"} and whose message is
     *         {@code "<operation> failed: <reason>"}
     */
    public static StorageUnavailableException withoutResponse(String operation, String reason, Throwable cause) {
        return new StorageUnavailableException(operation, reason, cause);
    }

    /**
     * @return the wait the service asked for in a {@code Retry-After} header, if it sent one
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
