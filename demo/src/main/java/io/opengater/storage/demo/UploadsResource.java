package io.opengater.storage.demo;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.UploadResult;
import io.smallrye.common.annotation.Blocking;

/**
 * The demo's server side: it asks the storage for a presigned upload and deletes objects. The browser sends the
 * bytes straight to the presigned URL; they never pass through this application.
 */
@Path("/api")
@Blocking
public class UploadsResource {

    /** What the page asks for. */
    public record UploadRequest(String contentType, String prefix) {
    }

    /** What the page is told when something fails. */
    public record Problem(String error, Integer storageStatus) {
    }

    @Inject
    StorageClient storage;

    @POST
    @Path("/uploads")
    public UploadResult createUpload(UploadRequest request) {
        return storage.createUpload(request == null ? null : request.contentType(),
                request == null ? null : request.prefix());
    }

    @DELETE
    @Path("/objects")
    public void delete(@QueryParam("key") String key) {
        storage.deleteByKey(key);
    }

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException invalid) {
        return Response.status(400).entity(new Problem(invalid.getMessage(), null)).build();
    }

    /** 404 stays 404; anything else the storage did wrong is a bad gateway for the page. */
    @ServerExceptionMapper
    public Response storageFailed(StorageException failure) {
        int status = failure.statusCode() != null && failure.statusCode() == 404 ? 404 : 502;
        return Response.status(status).entity(new Problem(failure.getMessage(), failure.statusCode())).build();
    }
}
