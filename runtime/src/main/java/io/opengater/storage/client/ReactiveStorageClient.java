package io.opengater.storage.client;

import java.nio.file.Path;

import io.smallrye.mutiny.Uni;

/**
 * The non-blocking (Mutiny) client of opengater-storage, safe on Vert.x event-loop threads. Inject it with
 * {@code @Inject ReactiveStorageClient storage;} and configure it under {@code quarkus.opengater-storage.*}.
 * <p>
 * Arguments are checked when a method is called, before anything is sent: an invalid one throws
 * {@link IllegalArgumentException} right away rather than in the returned {@code Uni}. Nothing is sent until the
 * {@code Uni} is subscribed to; it then fails with a {@link StorageException} when the call fails, after the
 * configured retries for {@link StorageUnavailableException}.
 */
public interface ReactiveStorageClient extends AutoCloseable {

    /**
     * Starts a client for an address or key known only at run time; finish with {@link StorageClientBuilder#buildReactive()}.
     * Close the client when done.
     *
     * @return a new builder
     * @throws IllegalStateException outside a running Quarkus application that has the extension
     */
    static StorageClientBuilder builder() {
        return StorageClient.builder();
    }

    /**
     * Asks for a presigned upload with no key prefix. See {@link StorageClient#createUpload(String)}.
     *
     * @param contentType the media type of the file to upload, as {@code image/png}
     * @return a {@code Uni} of where to {@code PUT} the bytes, the object's key and its public address
     */
    Uni<UploadResult> createUpload(String contentType);

    /**
     * Asks for a presigned upload ({@code POST /uploads}). See {@link StorageClient#createUpload(String, String)}.
     *
     * @param contentType the media type of the file to upload, as {@code image/png}
     * @param prefix the key prefix, as {@code news/articles}; {@code null} means none
     * @return a {@code Uni} of where to {@code PUT} the bytes, the object's key and its public address
     */
    Uni<UploadResult> createUpload(String contentType, String prefix);

    /**
     * Deletes an object ({@code DELETE /objects}). See {@link StorageClient#deleteObject(String, String)}.
     *
     * @param publicUrl the object's public URL, or {@code null}
     * @param key the object's key, or {@code null}
     * @return a {@code Uni} that completes when the service has deleted the object
     */
    Uni<Void> deleteObject(String publicUrl, String key);

    /**
     * Deletes an object by its key. See {@link StorageClient#deleteByKey(String)}.
     *
     * @param key the object's key
     * @return a {@code Uni} that completes when the service has deleted the object
     */
    Uni<Void> deleteByKey(String key);

    /**
     * Deletes an object by its public URL. See {@link StorageClient#deleteByPublicUrl(String)}.
     *
     * @param publicUrl the object's public URL
     * @return a {@code Uni} that completes when the service has deleted the object
     */
    Uni<Void> deleteByPublicUrl(String publicUrl);

    /**
     * Uploads a file: {@code createUpload}, then a streamed {@code PUT} to the presigned URL. See
     * {@link StorageClient#upload(Path, String, String)}; the file's readability and size are checked at the call.
     * Its MD5, when the client sends one, is computed on a Vert.x worker thread, never on the subscriber's event loop.
     *
     * @return a {@code Uni} of the upload's key and public URL, once the bytes are stored
     */
    default Uni<UploadResult> upload(Path file, String contentType, String prefix) {
        return upload(file, contentType, prefix, null);
    }

    /**
     * {@link #upload(Path, String, String)} with a listener that hears the progress.
     */
    Uni<UploadResult> upload(Path file, String contentType, String prefix,
            UploadProgressListener listener);

    /**
     * Uploads bytes held in memory. See {@link StorageClient#upload(byte[], String, String)}.
     */
    default Uni<UploadResult> upload(byte[] bytes, String contentType, String prefix) {
        return upload(bytes, contentType, prefix, null);
    }

    /**
     * {@link #upload(byte[], String, String)} with a listener that hears the progress.
     */
    Uni<UploadResult> upload(byte[] bytes, String contentType, String prefix, UploadProgressListener listener);

    /**
     * Releases the client's connections. Does nothing on an injected client: the container owns it.
     */
    @Override
    void close();
}
