package io.opengater.storage.client.runtime;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Puts the API key on every request of one client: the one place the key enters a request. It takes the key its
 * source holds now, so a key read anew from a credentials provider is on the next request. It replaces any
 * {@code X-API-Key} set by an earlier filter, so the header is never sent twice.
 */
final class ApiKeyFilter implements ClientRequestFilter {

    static final String HEADER = "X-API-Key";

    /** Filters run in ascending priority: this one runs after the application's own. */
    static final int PRIORITY = Integer.MAX_VALUE;

    private final ApiKeySource keys;

    ApiKeyFilter(ApiKeySource keys) {
        this.keys = keys;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HEADER, keys.current());
    }

    @Override
    public String toString() {
        return "ApiKeyFilter[" + HEADER + "=***]";
    }
}
