package io.opengater.storage.client.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /uploads}. {@code prefix} is always sent, {@code ""} when the caller gives none.
 */
public record CreateUploadRequest(
        @JsonProperty("content_type") String contentType,
        @JsonProperty("prefix") String prefix) {
}
