package io.opengater.storage.client.runtime;

import java.time.Duration;

/**
 * A response that is not a success, or a success whose body cannot be used: its status, the detail read from it and
 * the wait its {@code Retry-After} asks for. The REST client's mapper, the {@code PUT} to the storage host and the
 * check of success bodies hand it to the call's boundary, {@link CallGuard}, which knows the operation and makes it
 * the contract's exception.
 */
final class ErrorResponse extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String detail;
    private final transient Duration retryAfter;

    ErrorResponse(int status, String detail, Duration retryAfter) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    String detail() {
        return detail;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
