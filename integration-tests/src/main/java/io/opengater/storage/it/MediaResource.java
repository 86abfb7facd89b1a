package io.opengater.storage.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.opengater.storage.client.UploadResult;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * A service that talks to two more storages, each with its own address, key and settings: named clients.
 */
@Path("/named")
public class MediaResource {

    @Inject
    @StorageClientName("media")
    StorageClient media;

    @Inject
    @StorageClientName("documents")
    ReactiveStorageClient documents;

    @POST
    @Path("/media")
    @Blocking
    public UploadResult media(@QueryParam("contentType") String contentType) {
        return media.createUpload(contentType, "media");
    }

    @POST
    @Path("/documents")
    public Uni<UploadResult> document(@QueryParam("contentType") String contentType) {
        return documents.createUpload(contentType, "documents");
    }
}
