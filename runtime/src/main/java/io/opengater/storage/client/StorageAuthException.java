package io.opengater.storage.client;

/**
 * The service refused the API key: HTTP 401 (missing or unknown key) or 403 (the key may not do this).
 */
public final class StorageAuthException extends StorageException {

    private static final long serialVersionUID = 1L;

    /**
     * @param operation the call that failed, as {@code "POST /uploads"}
     * @param statusCode the HTTP status of the service's response
     * @param detail the service's {@code detail}, or {@code null}
     */
    public StorageAuthException(String operation, Integer statusCode, String detail) {
        super(operation, statusCode, detail, null);
    }
}
