package io.opengater.storage.client.runtime;

import java.time.Instant;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opengater.storage.client.StorageException;
import io.quarkus.rest.client.reactive.runtime.ResteasyReactiveResponseExceptionMapper;

/**
 * Turns every answer that is not a success into the contract's typed exception, with the detail read from the
 * FastAPI error body and the wait asked for in {@code Retry-After}.
 */
final class StorageResponseExceptionMapper implements ResteasyReactiveResponseExceptionMapper<StorageException> {

    private final ObjectMapper json;

    StorageResponseExceptionMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Every answer from 300 up: redirects are not followed, so a 3xx is an unexpected answer too. The REST client
     * also passes broken exchanges through here, with status 0 and no answer: those are left to the failure they
     * carry, which the facade reports as unavailability.
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
    public StorageException toThrowable(Response response, RestClientRequestContext context) {
        return StorageErrors.forStatus(
                Operation.ofHttpMethod(context.getHttpMethod()).label(),
                response.getStatus(),
                StorageErrors.detail(json, body(response)),
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
