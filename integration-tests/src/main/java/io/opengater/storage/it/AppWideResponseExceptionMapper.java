package io.opengater.storage.it;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * A mapper an application registers for all its REST clients. The extension's own mapper must still decide for the
 * storage calls, so that callers get the typed exceptions.
 */
@Provider
public class AppWideResponseExceptionMapper implements ResponseExceptionMapper<WebApplicationException> {

    @Override
    public WebApplicationException toThrowable(Response response) {
        return new WebApplicationException("mapped by the application", response.getStatus());
    }
}
