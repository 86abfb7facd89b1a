package io.opengater.storage.client.runtime;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * The opengater-storage HTTP API. The facades build one instance per client with {@code QuarkusRestClientBuilder};
 * the {@code X-API-Key} header comes from {@link ApiKeyFilter} and every status that is not a success becomes a
 * typed exception in {@link StorageResponseExceptionMapper}.
 * <p>
 * Both methods return the raw {@link Response}: a success body that cannot be read must still be reported with its
 * status, which a failed entity mapping would lose.
 */
@RegisterRestClient(configKey = "opengater-storage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface StorageApi {

    /**
     * {@code POST /uploads}: asks for a presigned upload URL.
     */
    @POST
    @Path("/uploads")
    Uni<Response> createUpload(CreateUploadRequest request);

    /**
     * {@code DELETE /objects}, with a JSON body: deletes an object by key or public URL.
     */
    @DELETE
    @Path("/objects")
    Uni<Response> deleteObject(DeleteObjectRequest request);
}
