package io.opengater.storage.client.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code DELETE /objects}: only the fields the caller gave, checked as it is made, before anything is
 * sent.
 *
 * @throws IllegalArgumentException naming the argument that is not valid
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteObjectRequest(
        @JsonProperty("key") String key,
        @JsonProperty("public_url") String publicUrl) {

    public DeleteObjectRequest {
        if (publicUrl == null && key == null) {
            throw new IllegalArgumentException("publicUrl and key must not both be null: give at least one");
        }
        key = Arguments.optionalText("key", key);
        publicUrl = Arguments.optionalText("publicUrl", publicUrl);
    }

    static DeleteObjectRequest byKey(String key) {
        return new DeleteObjectRequest(Arguments.requireText("key", key), null);
    }

    static DeleteObjectRequest byPublicUrl(String publicUrl) {
        return new DeleteObjectRequest(null, Arguments.requireText("publicUrl", publicUrl));
    }
}
