package io.opengater.storage.client;

/**
 * A call to opengater-storage failed. The root of the client's unchecked exceptions: the service responded with a
 * status that is not a success, its response could not be used, or no response came at all.
 * <p>
 * Subclasses name the cases a caller usually treats apart: {@link StorageBadRequestException} (400),
 * {@link StorageAuthException} (401, 403), {@link StorageNotFoundException} (404) and
 * {@link StorageUnavailableException} (429, 5xx and failures without a response). Any other status, a success
 * whose body is not a valid response, and a proxy's refusal of the request (with the proxy's status), is a plain
 * {@code StorageException}.
 * <p>
 * No message of this type ever contains the API key or a proxy's password.
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final Integer statusCode;
    private final String detail;

    /**
     * @param operation the call that failed, as {@code "POST /uploads"}
     * @param statusCode the HTTP status of the service's response, or {@code null} when there was none
     * @param detail what went wrong: the service's {@code detail}, or words for failures without a response
     * @param cause the underlying failure, or {@code null}
     */
    public StorageException(String operation, Integer statusCode, String detail, Throwable cause) {
        this(operation, statusCode, detail, message(operation, statusCode, detail), cause);
    }

    StorageException(String operation, Integer statusCode, String detail, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.statusCode = statusCode;
        this.detail = detail;
    }

    /**
     * A call that failed without a usable response for a reason that is no unavailability, such as a failure inside
     * the client: never retried.
     *
     * @param operation the call that failed, as {@code "POST /uploads"}
     * @param reason what happened, in words
     * @param cause the underlying failure, or {@code null}
     * @return an exception without status, whose detail is {@code "<reason>: <operation>"} and whose message is
     *         {@code "<operation> failed: <reason>"}
     */
    public static StorageException withoutResponse(String operation, String reason, Throwable cause) {
        return new StorageException(operation, null, reason + ": " + operation, operation + " failed: " + reason,
                cause);
    }

    /**
     * @return the call that failed, as {@code "POST /uploads"} or {@code "DELETE /objects"}
     */
    public String operation() {
        return operation;
    }

    /**
     * @return the HTTP status of the service's response, or {@code null} when no response came (timeout, connection
     *         failure, open circuit breaker)
     */
    public Integer statusCode() {
        return statusCode;
    }

    /**
     * @return the {@code detail} of the service's FastAPI error body (a non-string detail as compact JSON), the
     *         trimmed text of a body that is not JSON (at most 2,000 characters), words describing a failure without
     *         a response, or {@code null} when the response had no body
     */
    public String detail() {
        return detail;
    }

    /** "POST /uploads failed with HTTP 401: Invalid API key". */
    private static String message(String operation, Integer statusCode, String detail) {
        StringBuilder message = new StringBuilder(operation).append(" failed");
        if (statusCode != null) {
            message.append(" with HTTP ").append(statusCode);
        }
        if (detail != null) {
            message.append(": ").append(detail);
        }
        return message.toString();
    }
}
