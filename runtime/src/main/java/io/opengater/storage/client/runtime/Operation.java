package io.opengater.storage.client.runtime;

/**
 * The service's operations, named as they appear in exception messages.
 */
enum Operation {

    CREATE_UPLOAD("POST", "/uploads"),
    DELETE_OBJECT("DELETE", "/objects");

    private final String httpMethod;
    private final String label;

    Operation(String httpMethod, String path) {
        this.httpMethod = httpMethod;
        this.label = httpMethod + " " + path;
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
