package io.opengater.storage.it;

import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.UploadResult;
import io.smallrye.common.annotation.Blocking;

/**
 * One call of the blocking client per request, on the client the caller names ({@code ""} for the default one,
 * {@code media}, {@code documents}), responded to with what happened: the result, or the failure with its type, status
 * and detail, and how long the call took. The integration tests drive the packaged application (the native
 * executable too) through it, since they cannot reach its beans from another process.
 */
@Path("/calls")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class CallsResource {

    /** What one call did: {@code result} on success, else the failure's fields; {@code millis} either way. */
    public record Outcome(UploadResult result, String error, Integer status, String detail, String message,
            long millis) {
    }

    @Inject
    StorageClient storage;

    @Inject
    @StorageClientName("media")
    StorageClient media;

    @Inject
    @StorageClientName("documents")
    StorageClient documents;

    @POST
    @Path("/create")
    public Outcome create(@QueryParam("client") @DefaultValue("") String client,
            @QueryParam("contentType") String contentType, @QueryParam("prefix") String prefix) {
        return call(() -> client(client).createUpload(contentType, prefix));
    }

    @POST
    @Path("/delete")
    public Outcome delete(@QueryParam("client") @DefaultValue("") String client, @QueryParam("key") String key) {
        return call(() -> {
            client(client).deleteByKey(key);
            return null;
        });
    }

    /** {@code upload(Path, ...)} of a file the caller names; the file must be on this machine. */
    @POST
    @Path("/upload-file")
    public Outcome uploadFile(@QueryParam("client") @DefaultValue("") String client, @QueryParam("path") String file,
            @QueryParam("contentType") String contentType, @QueryParam("prefix") String prefix) {
        return call(() -> client(client).upload(java.nio.file.Path.of(file), contentType, prefix));
    }

    /** {@code upload(byte[], ...)} of the request's body. */
    @POST
    @Path("/upload-bytes")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Outcome uploadBytes(@QueryParam("client") @DefaultValue("") String client,
            @QueryParam("contentType") String contentType, @QueryParam("prefix") String prefix, byte[] bytes) {
        return call(() -> client(client).upload(bytes, contentType, prefix));
    }

    private StorageClient client(String name) {
        return switch (name) {
            case "" -> storage;
            case "media" -> media;
            case "documents" -> documents;
            default -> throw new IllegalArgumentException("no client named '" + name + "' in this application");
        };
    }

    private static Outcome call(Supplier<UploadResult> call) {
        long start = System.nanoTime();
        try {
            UploadResult result = call.get();
            return new Outcome(result, null, null, null, null, millisSince(start));
        } catch (StorageException failure) {
            return new Outcome(null, failure.getClass().getSimpleName(), failure.statusCode(), failure.detail(),
                    failure.getMessage(), millisSince(start));
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
