package io.opengater.storage.client;

/**
 * The service rejected the request as malformed: HTTP 400.
 */
public final class StorageBadRequestException extends StorageException {

    private static final long serialVersionUID = 1L;

    /**
     * @param operation the call that failed, as {@code "POST /uploads"}
     * @param statusCode the HTTP status of the service's response
     * @param detail the service's {@code detail}, or {@code null}
     */
    public StorageBadRequestException(String operation, Integer statusCode, String detail) {
        super(operation, statusCode, detail, null);
    }
}
