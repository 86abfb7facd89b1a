package io.opengater.storage.client.runtime;

/**
 * The credentials provider gave no usable API key: it failed, timed out, or its credentials lack the key or hold one
 * that cannot be sent. The call's boundary, {@link CallGuard}, makes it a {@code StorageException} without status for
 * the call's operation: not an unavailability of the service, so neither retried nor counted by the circuit breaker.
 */
final class ApiKeyUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason what went wrong, in words that name the provider and the credentials but never hold a key
     * @param cause the provider's own failure, or {@code null}
     */
    ApiKeyUnavailable(String reason, Throwable cause) {
        super(reason, cause);
    }
}
