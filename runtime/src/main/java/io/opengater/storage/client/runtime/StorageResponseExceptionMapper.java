package io.opengater.storage.client.runtime;

import java.time.Instant;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hands back every response that is not a success as its status, the detail read from the FastAPI error body and the
 * wait asked for in {@code Retry-After}, or as the proxy's refusal ({@link ProxyRefusals}); {@link CallGuard}, which
 * knows the operation, makes it the contract's exception.
 */
final class StorageResponseExceptionMapper implements ResponseExceptionMapper<ErrorResponse> {

    private static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";

    private final ObjectMapper json;

    StorageResponseExceptionMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Every response from 300 up: redirects are not followed, so a 3xx is an unexpected response too. The REST client
     * also passes broken exchanges through here, with status 0 and no response: those are left to the failure they
     * carry, which is reported as unavailability.
     */
    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 300;
    }

    /**
     * Ahead of mappers the application registers for all its REST clients (priority {@code USER}): the contract's
     * exceptions must not be replaced by theirs.
     */
    @Override
    public int getPriority() {
        return 0;
    }

    @Override
    public ErrorResponse toThrowable(Response response) {
        String body = body(response);
        if (ProxyRefusals.refusedByProxy(response.getStatus(), response.getHeaderString(PROXY_AUTHENTICATE),
                response.getStringHeaders().get(HttpHeaders.WWW_AUTHENTICATE))) {
            return ProxyRefusals.refusal(response.getStatus(), response.getStatusInfo().getReasonPhrase());
        }
        return new ErrorResponse(
                response.getStatus(),
                StorageErrors.detail(json, body),
                StorageErrors.retryAfter(response.getHeaderString(HttpHeaders.RETRY_AFTER), Instant.now()));
    }

    private static String body(Response response) {
        try {
            response.bufferEntity();
            return response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
