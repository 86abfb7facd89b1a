package io.opengater.storage.client.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of a successful {@code POST /uploads}. Fields the service may add later are ignored, whatever the
 * application's Jackson settings.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UploadResponse(
        @JsonProperty("upload_url") String uploadUrl,
        @JsonProperty("key") String key,
        @JsonProperty("public_url") String publicUrl) {
}
