package io.opengater.storage.client.runtime;

import java.net.URI;

/**
 * What one call does, travelling with it from the facade to the boundary that turns its failures into the contract's
 * exceptions.
 *
 * @param kind as metrics and spans name it, such as {@code create-upload}
 * @param label as exception messages name it, such as {@code POST /uploads}
 */
record Operation(String kind, String label) {

    static final Operation CREATE_UPLOAD = new Operation("create-upload", "POST /uploads");
    static final Operation DELETE_OBJECT = new Operation("delete-object", "DELETE /objects");

    /**
     * {@code PUT https://host/bucket/key}: the presigned URL without its query, which holds the signature.
     */
    static Operation putObject(URI uploadUrl) {
        return new Operation("put-object",
                "PUT " + uploadUrl.getScheme() + "://" + uploadUrl.getRawAuthority() + uploadUrl.getRawPath());
    }
}
