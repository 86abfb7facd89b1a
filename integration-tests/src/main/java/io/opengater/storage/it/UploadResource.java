package io.opengater.storage.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.UploadResult;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * What a service built on the extension looks like: it hands presigned uploads to its own callers and deletes
 * their files, through the blocking client on worker threads and the reactive one on the event loop.
 */
@Path("/files")
public class UploadResource {

    @Inject
    StorageClient storage;

    @Inject
    ReactiveStorageClient reactiveStorage;

    @POST
    @Blocking
    public UploadResult create(@QueryParam("contentType") String contentType, @QueryParam("prefix") String prefix) {
        return storage.createUpload(contentType, prefix);
    }

    @DELETE
    @Blocking
    public void delete(@QueryParam("key") String key) {
        storage.deleteByKey(key);
    }

    @POST
    @Path("/reactive")
    public Uni<UploadResult> createReactive(@QueryParam("contentType") String contentType,
            @QueryParam("prefix") String prefix) {
        return reactiveStorage.createUpload(contentType, prefix);
    }
}
