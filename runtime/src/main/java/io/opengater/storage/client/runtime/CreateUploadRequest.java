package io.opengater.storage.client.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /uploads}, checked as it is made, before anything is sent. {@code prefix} is always sent,
 * {@code ""} when the caller gives none.
 *
 * @throws IllegalArgumentException naming the argument that is not valid
 */
public record CreateUploadRequest(
        @JsonProperty("content_type") String contentType,
        @JsonProperty("prefix") String prefix) {

    public CreateUploadRequest {
        contentType = Arguments.contentType(contentType);
        prefix = Arguments.prefix(prefix);
    }
}
