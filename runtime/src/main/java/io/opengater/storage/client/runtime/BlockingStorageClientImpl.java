package io.opengater.storage.client.runtime;

import java.io.InputStream;
import java.nio.file.Path;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.UploadProgressListener;
import io.opengater.storage.client.UploadResult;
import io.quarkus.runtime.BlockingOperationControl;

/**
 * The blocking facade: makes sure the calling thread may block, then waits for the reactive one. Each call's own
 * timeout bounds the wait.
 */
final class BlockingStorageClientImpl implements StorageClient {

    private final ReactiveStorageClientImpl reactive;

    BlockingStorageClientImpl(ReactiveStorageClientImpl reactive) {
        this.reactive = reactive;
    }

    @Override
    public UploadResult createUpload(String contentType) {
        requireBlockingAllowed("createUpload");
        return reactive.createUpload(contentType).await().indefinitely();
    }

    @Override
    public UploadResult createUpload(String contentType, String prefix) {
        requireBlockingAllowed("createUpload");
        return reactive.createUpload(contentType, prefix).await().indefinitely();
    }

    @Override
    public void deleteObject(String publicUrl, String key) {
        requireBlockingAllowed("deleteObject");
        reactive.deleteObject(publicUrl, key).await().indefinitely();
    }

    @Override
    public void deleteByKey(String key) {
        requireBlockingAllowed("deleteByKey");
        reactive.deleteByKey(key).await().indefinitely();
    }

    @Override
    public void deleteByPublicUrl(String publicUrl) {
        requireBlockingAllowed("deleteByPublicUrl");
        reactive.deleteByPublicUrl(publicUrl).await().indefinitely();
    }

    @Override
    public UploadResult upload(Path file, String contentType, String prefix, UploadProgressListener listener) {
        requireBlockingAllowed("upload");
        return reactive.uploadOnCallerThread(file, contentType, prefix, listener).await().indefinitely();
    }

    @Override
    public UploadResult upload(byte[] bytes, String contentType, String prefix, UploadProgressListener listener) {
        requireBlockingAllowed("upload");
        return reactive.uploadOnCallerThread(bytes, contentType, prefix, listener).await().indefinitely();
    }

    @Override
    public UploadResult upload(InputStream in, long length, String contentType, String prefix,
            UploadProgressListener listener) {
        requireBlockingAllowed("upload");
        return reactive.upload(in, length, contentType, prefix, listener).await().indefinitely();
    }

    @Override
    public void close() {
        reactive.close();
    }

    /**
     * Waiting on an event-loop thread would stall every request that thread serves, so it is refused with a
     * message that says what to use instead.
     */
    private static void requireBlockingAllowed(String method) {
        if (!BlockingOperationControl.isBlockingAllowed()) {
            throw new IllegalStateException("StorageClient." + method + "() blocks, and the thread "
                    + Thread.currentThread().getName() + " is an event-loop thread that must not block: inject"
                    + " ReactiveStorageClient here instead, or run this code on a worker thread (@Blocking)");
        }
    }

    @Override
    public String toString() {
        return "StorageClient[" + reactive + "]";
    }
}
