package io.opengater.storage.client.runtime;

/**
 * The service's operations, named as they appear in exception messages.
 */
enum Operation {

    CREATE_UPLOAD("POST", "/uploads", "create-upload"),
    DELETE_OBJECT("DELETE", "/objects", "delete-object");

    /** The {@code PUT} of bytes to a presigned URL, as telemetry names it. */
    static final String PUT_OBJECT_KIND = "put-object";

    private final String httpMethod;
    private final String label;
    private final String kind;

    Operation(String httpMethod, String path, String kind) {
        this.httpMethod = httpMethod;
        this.label = httpMethod + " " + path;
        this.kind = kind;
    }

    /**
     * @return the operation as metrics and spans name it, such as {@code create-upload}
     */
    String kind() {
        return kind;
    }

    /**
     * @return the operation as {@code "POST /uploads"}
     */
    String label() {
        return label;
    }

    /**
     * Each operation has its own HTTP method, so the method of a request tells which operation it belongs to.
     */
    static Operation ofHttpMethod(String httpMethod) {
        for (Operation operation : values()) {
            if (operation.httpMethod.equalsIgnoreCase(httpMethod)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("not a method of the opengater-storage API: " + httpMethod);
    }
}
