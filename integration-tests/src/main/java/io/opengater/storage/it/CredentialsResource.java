package io.opengater.storage.it;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The operator's side of {@link RotatingCredentials}: the tests put a key in it, as a secret store's key is rotated,
 * and read how often the application asked for it. A test application's endpoint; a real one would not have it.
 */
@Path("/credentials/{name}")
public class CredentialsResource {

    /** How often the credentials of one name were read, and whether any read of the provider ran on an event loop. */
    public record Reads(int reads, boolean onEventLoop) {
    }

    @Inject
    RotatingCredentials credentials;

    /** Sets the credentials of that name to the JSON object in the body, such as {@code {"api-key": "..."}}. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public void put(@PathParam("name") String name, Map<String, String> secrets) {
        credentials.put(name, secrets);
    }

    @GET
    @Path("/reads")
    @Produces(MediaType.APPLICATION_JSON)
    public Reads reads(@PathParam("name") String name) {
        return new Reads(credentials.reads(name), credentials.readOnEventLoop());
    }
}
