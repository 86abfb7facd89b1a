package io.opengater.storage.it;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageNotFoundException;
import io.opengater.storage.client.StorageUnavailableException;

/**
 * How a service responds to its own callers when storage fails: the typed exceptions make the choice of status easy.
 */
public class StorageExceptionMapper {

    @ServerExceptionMapper
    public Response storageFailed(StorageException failure) {
        Response.Status status = failure instanceof StorageNotFoundException ? Response.Status.NOT_FOUND
                : failure instanceof StorageUnavailableException ? Response.Status.SERVICE_UNAVAILABLE
                        : Response.Status.BAD_GATEWAY;
        return Response.status(status).entity(failure.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response invalidArgument(IllegalArgumentException invalid) {
        return Response.status(Response.Status.BAD_REQUEST).entity(invalid.getMessage()).build();
    }
}
