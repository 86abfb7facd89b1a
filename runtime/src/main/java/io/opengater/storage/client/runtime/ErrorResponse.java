package io.opengater.storage.client.runtime;

import java.time.Duration;

/**
 * A response that is not a success, or a success whose body cannot be used: its status, the detail read from it, the
 * wait its {@code Retry-After} asks for, and whether the proxy made it. The REST client's mapper, the {@code PUT} to
 * the storage host and the check of success bodies hand it to the call's boundary, {@link CallGuard}, which knows the
 * operation and makes it the contract's exception.
 */
final class ErrorResponse extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String detail;
    private final transient Duration retryAfter;
    private final boolean fromProxy;

    ErrorResponse(int status, String detail, Duration retryAfter) {
        this(status, detail, retryAfter, false);
    }

    private ErrorResponse(int status, String detail, Duration retryAfter, boolean fromProxy) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.detail = detail;
        this.retryAfter = retryAfter;
        this.fromProxy = fromProxy;
    }

    /** The proxy's refusal, which the contract's table of statuses does not apply to (see {@link ProxyRefusals}). */
    static ErrorResponse fromProxy(int status, String detail) {
        return new ErrorResponse(status, detail, null, true);
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

    /** Whether the proxy made it, rather than the service or the storage host. */
    boolean fromProxy() {
        return fromProxy;
    }
}
