package io.opengater.storage.client.runtime;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;

import io.opengater.storage.client.UploadResult;

/**
 * Reads the success body of {@code POST /uploads}. It must carry all three fields and a usable {@code upload_url}:
 * anything else is the service's fault, reported with the response's status rather than handed to the caller as
 * {@code null} or as a URL that cannot be sent to.
 */
final class UploadResults {

    private UploadResults() {
    }

    /**
     * @throws ErrorResponse with the response's status and what is wrong with the body
     */
    static UploadResult read(Response response) {
        int status = response.getStatus();
        UploadResponse body;
        try {
            body = body(response);
        } finally {
            response.close();
        }
        List<String> missing = new ArrayList<>(3);
        if (body.uploadUrl() == null) {
            missing.add("upload_url");
        }
        if (body.key() == null) {
            missing.add("key");
        }
        if (body.publicUrl() == null) {
            missing.add("public_url");
        }
        if (!missing.isEmpty()) {
            throw new ErrorResponse(status, "the response lacks " + String.join(", ", missing), null);
        }
        String unusable = PresignedUrls.problem(body.uploadUrl());
        if (unusable != null) {
            throw new ErrorResponse(status, "the upload_url of the response " + unusable, null);
        }
        return new UploadResult(body.uploadUrl(), body.key(), body.publicUrl());
    }

    /**
     * A {@code Content-Length} within the limit: the body was not cut. A decompressed body has none (the decompressor
     * drops it), nor has a chunked one.
     */
    private static boolean declaredWithinLimit(Response response) {
        int length = response.getLength();
        return length >= 0 && !ResponseSizeLimit.tooLong(length);
    }

    private static UploadResponse body(Response response) {
        if (!response.hasEntity()) {
            throw new ErrorResponse(response.getStatus(), "the response has no body", null);
        }
        try {
            if (!declaredWithinLimit(response)) {
                // the body may have been cut at the limit: read it once to tell, and again as JSON
                response.bufferEntity();
                if (ResponseSizeLimit.tooLong(response.readEntity(byte[].class).length)) {
                    throw new ErrorResponse(response.getStatus(), ResponseSizeLimit.TOO_LONG, null);
                }
            }
            UploadResponse body = response.readEntity(UploadResponse.class);
            if (body == null) {
                throw new ErrorResponse(response.getStatus(), "the response has no body", null);
            }
            return body;
        } catch (ErrorResponse error) {
            throw error;
        } catch (RuntimeException unreadable) {
            throw new ErrorResponse(response.getStatus(), "the response is not a JSON object of upload_url, key and"
                    + " public_url (Content-Type: " + response.getHeaderString("Content-Type") + ")", null);
        }
    }
}
