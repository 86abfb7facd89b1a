package io.opengater.storage.demo;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageBadRequestException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageNotFoundException;
import io.opengater.storage.client.StorageUnavailableException;
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

    /**
     * What the page is told when something fails.
     *
     * @param kind which failure, for the page to explain: {@code invalid}, {@code refused}, {@code auth},
     *        {@code not-found}, {@code unavailable} or {@code failed}
     * @param error the whole message
     * @param detail what the storage said (its {@code detail}), or the argument that was wrong
     * @param storageStatus the storage's HTTP status, or {@code null} when it did not respond or was not asked
     */
    public record Problem(String kind, String error, String detail, Integer storageStatus) {
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

    /** The client refused the arguments before asking the storage. */
    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException invalid) {
        return Response.status(400)
                .entity(new Problem("invalid", invalid.getMessage(), invalid.getMessage(), null)).build();
    }

    /**
     * Each typed failure keeps its meaning for the page: what the storage refused is the page's request (400), a key
     * it refused is this server's fault (502), what it does not have stays 404, and an unavailable storage is 503
     * with its {@code Retry-After}.
     */
    @ServerExceptionMapper
    public Response storageFailed(StorageException failure) {
        Integer status = failure.statusCode();
        if (failure instanceof StorageUnavailableException unavailable) {
            Response.ResponseBuilder response = Response.status(503).entity(problem("unavailable", failure));
            unavailable.retryAfter().ifPresent(wait -> response.header("Retry-After", wait.toSeconds()));
            return response.build();
        }
        if (failure instanceof StorageAuthException) {
            return Response.status(502).entity(problem("auth", failure)).build();
        }
        if (failure instanceof StorageNotFoundException) {
            return Response.status(404).entity(problem("not-found", failure)).build();
        }
        // 400, and the other 4xx a service refuses a body with (413, 415, 422)
        if (failure instanceof StorageBadRequestException || status != null && status >= 400 && status < 500) {
            return Response.status(400).entity(problem("refused", failure)).build();
        }
        return Response.status(502).entity(problem("failed", failure)).build();
    }

    private static Problem problem(String kind, StorageException failure) {
        return new Problem(kind, failure.getMessage(), failure.detail(), failure.statusCode());
    }
}
