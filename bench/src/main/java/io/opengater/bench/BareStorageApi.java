package io.opengater.bench;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /uploads} on the Quarkus REST client alone, for the {@code rest-client} baseline of
 * {@link CallBenchmark}: the layer the contract asks the extension to build on, without the extension's argument
 * checks, error mapping, fault tolerance and handling of the raw {@code Response}.
 */
@Path("/uploads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "X-API-Key", value = CallBenchmark.API_KEY)
public interface BareStorageApi {

    /** The response bound by the REST client's Jackson provider. */
    @POST
    Uni<CallBenchmark.UploadResponse> createUpload(CallBenchmark.CreateUpload request);
}
