package io.opengater.bench.startup;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.opengater.storage.client.StorageClient;

/**
 * The one endpoint of the application with the extension: the same as without it, and it injects a
 * {@link StorageClient}, whose configuration the extension checks at start (the client itself is made on first use).
 * It is never called.
 */
@Path("/hello")
public class HelloResource {

    @Inject
    StorageClient storage;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String hello() {
        return "hello";
    }
}
