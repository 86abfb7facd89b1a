package io.opengater.storage.client.runtime;

import java.io.InputStream;
import java.nio.file.Path;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.UploadProgressListener;
import io.opengater.storage.client.UploadResult;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;

/**
 * The reactive facade of one client: each method makes its request, which checks the arguments, and hands it to the
 * service or the uploads. {@link BlockingStorageClientImpl} waits on it.
 */
final class ReactiveStorageClientImpl implements ReactiveStorageClient {

    /** Who closes a client. */
    enum Owner {
        /** An injected client: the container closes it at shut-down, its {@code close()} does nothing. */
        CONTAINER,
        /** A built client: the caller closes it. */
        CALLER
    }

    private final ClientSettings settings;
    private final StorageService service;
    private final ObjectUploads uploads;
    private final Owner owner;
    private final StorageClient blocking;

    ReactiveStorageClientImpl(ClientSettings settings, StorageService service, ObjectUploads uploads, Owner owner) {
        this.settings = settings;
        this.service = service;
        this.uploads = uploads;
        this.owner = owner;
        this.blocking = new BlockingStorageClientImpl(this);
    }

    @Override
    public Uni<UploadResult> createUpload(String contentType) {
        return createUpload(contentType, "");
    }

    @Override
    public Uni<UploadResult> createUpload(String contentType, String prefix) {
        return service.createUpload(new CreateUploadRequest(contentType, prefix));
    }

    @Override
    public Uni<Void> deleteObject(String publicUrl, String key) {
        return service.deleteObject(new DeleteObjectRequest(key, publicUrl));
    }

    @Override
    public Uni<Void> deleteByKey(String key) {
        return service.deleteObject(DeleteObjectRequest.byKey(key));
    }

    @Override
    public Uni<Void> deleteByPublicUrl(String publicUrl) {
        return service.deleteObject(DeleteObjectRequest.byPublicUrl(publicUrl));
    }

    @Override
    public Uni<UploadResult> upload(Path file, String contentType, String prefix, UploadProgressListener listener) {
        return uploads.upload(file, contentType, prefix, listener, ObjectUploads.DigestThread.WORKER);
    }

    @Override
    public Uni<UploadResult> upload(byte[] bytes, String contentType, String prefix,
            UploadProgressListener listener) {
        return uploads.upload(bytes, contentType, prefix, listener, ObjectUploads.DigestThread.WORKER);
    }

    /** For the blocking facade, whose caller may block: the body's MD5 is computed on its thread. */
    Uni<UploadResult> uploadOnCallerThread(Path file, String contentType, String prefix,
            UploadProgressListener listener) {
        return uploads.upload(file, contentType, prefix, listener, ObjectUploads.DigestThread.CALLER);
    }

    /** For the blocking facade, whose caller may block: the body's MD5 is computed on its thread. */
    Uni<UploadResult> uploadOnCallerThread(byte[] bytes, String contentType, String prefix,
            UploadProgressListener listener) {
        return uploads.upload(bytes, contentType, prefix, listener, ObjectUploads.DigestThread.CALLER);
    }

    /** For the blocking facade, which alone offers it: a stream cannot be sent again, so it is never retried. */
    Uni<UploadResult> upload(InputStream in, long length, String contentType, String prefix,
            UploadProgressListener listener) {
        return uploads.upload(in, length, contentType, prefix, listener);
    }

    /** The blocking facade of the same client. */
    StorageClient blocking() {
        return blocking;
    }

    ClientSettings settings() {
        return settings;
    }

    StorageService service() {
        return service;
    }

    CircuitBreakerState circuitBreakerState() {
        return service.guard().circuitBreakerState();
    }

    @Override
    public void close() {
        if (owner == Owner.CALLER) {
            release();
        }
    }

    /** Releases the HTTP connections, whoever owns the client. */
    void release() {
        uploads.close();
        service.close();
    }

    @Override
    public String toString() {
        return "ReactiveStorageClient[name=" + settings.name() + ", baseUri=" + settings.baseUri() + "]";
    }
}
