package io.opengater.storage.it;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * A global client filter of the kind applications add for tracing: it also sets an {@code X-API-Key} of its own,
 * which the extension must replace rather than send next to the configured key.
 */
@Provider
public class ExtraHeadersFilter implements ClientRequestFilter {

    public static final String STRAY_API_KEY = "stray-key-from-an-application-filter";

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().add("X-Request-Source", "integration-tests");
        request.getHeaders().add("X-API-Key", STRAY_API_KEY);
    }
}
