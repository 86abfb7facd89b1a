package io.opengater.storage.client;

/**
 * A call to opengater-storage failed. The root of the client's unchecked exceptions: the service answered with a
 * status that is not a success, its answer could not be used, or no answer came at all.
 * <p>
 * Subclasses name the cases a caller usually treats apart: {@link StorageBadRequestException} (400),
 * {@link StorageAuthException} (401, 403), {@link StorageNotFoundException} (404) and
 * {@link StorageUnavailableException} (429, 5xx and failures without a response). Any other status, and a success
 * whose body is not a valid answer, is a plain {@code StorageException}.
 * <p>
 * No message of this type ever contains the API key.
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final Integer statusCode;
    private final String detail;

    /**
     * @param operation the call that failed, as {@code "POST /uploads"}
     * @param statusCode the HTTP status of the service's answer, or {@code null} when there was none
     * @param detail what went wrong: the service's {@code detail}, or words for failures without a response
     * @param cause the underlying failure, or {@code null}
     */
    public StorageException(String operation, Integer statusCode, String detail, Throwable cause) {
        super(message(operation, statusCode, detail), cause);
        this.operation = operation;
        this.statusCode = statusCode;
        this.detail = detail;
    }

    /**
     * @return the call that failed, as {@code "POST /uploads"} or {@code "DELETE /objects"}
     */
    public String operation() {
        return operation;
    }

    /**
     * @return the HTTP status the service answered with, or {@code null} when no answer came (timeout, connection
     *         failure, open circuit breaker)
     */
    public Integer statusCode() {
        return statusCode;
    }

    /**
     * @return the {@code detail} of the service's FastAPI error body (a non-string detail as compact JSON), the
     *         trimmed text of a body that is not JSON (at most 2,000 characters), words describing a failure without
     *         a response, or {@code null} when the answer had no body
     */
    public String detail() {
        return detail;
    }

    /**
     * "POST /uploads failed with HTTP 401: Invalid API key", or for a failure without a response, whose detail
     * already ends with the operation ("timed out after 30s: POST /uploads"), "POST /uploads failed: timed out after
     * 30s".
     */
    private static String message(String operation, Integer statusCode, String detail) {
        StringBuilder message = new StringBuilder(operation).append(" failed");
        if (statusCode != null) {
            message.append(" with HTTP ").append(statusCode);
        }
        if (detail != null) {
            String suffix = ": " + operation;
            message.append(": ").append(statusCode == null && detail.endsWith(suffix)
                    ? detail.substring(0, detail.length() - suffix.length())
                    : detail);
        }
        return message.toString();
    }
}
