package io.opengater.storage.client.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code DELETE /objects}: only the fields the caller gave.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteObjectRequest(
        @JsonProperty("key") String key,
        @JsonProperty("public_url") String publicUrl) {
}
