package io.opengater.storage.client;

/**
 * The service does not know the object or the resource: HTTP 404, for example when deleting an object that is already gone.
 */
public final class StorageNotFoundException extends StorageException {

    private static final long serialVersionUID = 1L;

    /**
     * @param operation the call that failed, as {@code "POST /uploads"}
     * @param statusCode the HTTP status of the service's response
     * @param detail the service's {@code detail}, or {@code null}
     */
    public StorageNotFoundException(String operation, Integer statusCode, String detail) {
        super(operation, statusCode, detail, null);
    }
}
