package io.opengater.storage.client;

/**
 * The blocking client of opengater-storage. Inject it with {@code @Inject StorageClient storage;} and configure it
 * under {@code quarkus.opengater-storage.*}.
 * <p>
 * Every method checks its arguments before sending anything ({@link IllegalArgumentException} naming the argument)
 * and reports every failure as a {@link StorageException}. Calls that fail with {@link StorageUnavailableException}
 * are retried as configured. The methods block the calling thread: calling them on a Vert.x event-loop thread
 * throws {@link IllegalStateException}; use {@link ReactiveStorageClient} there.
 */
public interface StorageClient extends AutoCloseable {

    /**
     * Starts a client for an address or key known only at run time; finish with {@link StorageClientBuilder#build()}.
     * Close the client when done.
     *
     * @return a new builder
     */
    static StorageClientBuilder builder() {
        return new StorageClientBuilder();
    }

    /**
     * Asks for a presigned upload with no key prefix. The same as {@code createUpload(contentType, "")}.
     *
     * @param contentType the media type of the file to upload, as {@code image/png}
     * @return where to {@code PUT} the bytes, the object's key and its public address
     * @throws IllegalArgumentException if {@code contentType} is null, blank, longer than 255 characters, not of the
     *         form {@code type/subtype}, or holds a control character
     * @throws StorageException if the call fails
     */
    UploadResult createUpload(String contentType);

    /**
     * Asks for a presigned upload ({@code POST /uploads}).
     *
     * @param contentType the media type of the file to upload, as {@code image/png}; the upload's {@code PUT} must
     *        send the same {@code Content-Type}
     * @param prefix the key prefix, as {@code news/articles}; {@code null} means none
     * @return where to {@code PUT} the bytes, the object's key and its public address
     * @throws IllegalArgumentException if {@code contentType} is invalid (see {@link #createUpload(String)}), or
     *         {@code prefix} is longer than 1,024 characters or holds a control character
     * @throws StorageException if the call fails
     */
    UploadResult createUpload(String contentType, String prefix);

    /**
     * Deletes an object ({@code DELETE /objects}) by whichever of its public URL and its key are given.
     *
     * @param publicUrl the object's public URL, or {@code null}
     * @param key the object's key, or {@code null}; the more reliable of the two
     * @throws IllegalArgumentException if both are {@code null}, or one given is blank or holds a control character
     * @throws StorageNotFoundException if the service does not know the object
     * @throws StorageException if the call fails otherwise
     */
    void deleteObject(String publicUrl, String key);

    /**
     * Deletes an object by its key, the reliable way.
     *
     * @param key the object's key, as returned in {@link UploadResult#key()}
     * @throws IllegalArgumentException if {@code key} is null, blank, or holds a control character
     * @throws StorageException if the call fails
     */
    void deleteByKey(String key);

    /**
     * Deletes an object by its public URL; the service maps the URL back to a key.
     *
     * @param publicUrl the object's public URL, as returned in {@link UploadResult#publicUrl()}
     * @throws IllegalArgumentException if {@code publicUrl} is null, blank, or holds a control character
     * @throws StorageException if the call fails
     */
    void deleteByPublicUrl(String publicUrl);

    /**
     * Releases the client's connections. Does nothing on an injected client: the container owns it.
     */
    @Override
    void close();
}
