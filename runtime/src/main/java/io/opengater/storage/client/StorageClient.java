package io.opengater.storage.client;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;

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
     * @throws IllegalStateException outside a running Quarkus application that has the extension
     */
    static StorageClientBuilder builder() {
        ArcContainer container = Arc.container();
        InstanceHandle<StorageClientBuilder> builder = container == null ? null
                : container.instance(StorageClientBuilder.class);
        if (builder == null || !builder.isAvailable()) {
            throw new IllegalStateException("StorageClient.builder() works inside a running Quarkus application that"
                    + " has the opengater-storage extension");
        }
        return builder.get();
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
     * Uploads a file: {@code createUpload(contentType, prefix)}, then a {@code PUT} of the file to the presigned URL,
     * with the signed {@code Content-Type}, a {@code Content-Length}, and no header of the service (the API key never
     * goes to the storage host). The file streams from disk; a failed {@code PUT} (no response, 429, 5xx) is retried from
     * the start of the file, within {@code upload.timeout} per attempt.
     * <p>
     * With {@code upload.checksum=md5} (the default) the file is read for its MD5 on this thread before
     * {@code createUpload}, and the {@code PUT} sends it as {@code Content-MD5}: bytes that arrive changed are refused
     * by the storage host ({@link StorageBadRequestException}, {@code detail()} {@code BadDigest: ...}) and not stored.
     * With {@code upload.renew-expired} (the default), a presigned URL that expired before its {@code PUT} is replaced
     * once by a new upload, whose result, with another key, is returned.
     *
     * @param file the file to upload
     * @param contentType its media type, as {@code image/png}
     * @param prefix the key prefix, or {@code null} for none
     * @return the upload's key and public URL, once the bytes are stored
     * @throws UncheckedIOException if the file cannot be read, before any request
     * @throws IllegalArgumentException for an invalid argument, or a file larger than {@code upload.max-size}, before
     *         any request
     * @throws StorageException if the service or the storage host refuses or fails
     */
    default UploadResult upload(Path file, String contentType, String prefix) {
        return upload(file, contentType, prefix, null);
    }

    /**
     * {@link #upload(Path, String, String)} with a listener that hears the progress.
     *
     * @param listener told how many bytes are sent, or {@code null}
     */
    UploadResult upload(Path file, String contentType, String prefix, UploadProgressListener listener);

    /**
     * Uploads bytes held in memory, like {@link #upload(Path, String, String)}.
     */
    default UploadResult upload(byte[] bytes, String contentType, String prefix) {
        return upload(bytes, contentType, prefix, null);
    }

    /**
     * {@link #upload(byte[], String, String)} with a listener that hears the progress.
     *
     * @param listener told how many bytes are sent, or {@code null}
     */
    UploadResult upload(byte[] bytes, String contentType, String prefix, UploadProgressListener listener);

    /**
     * Uploads exactly {@code length} bytes read from a stream, like {@link #upload(Path, String,
     * String)}, but without retries of the {@code PUT}, without a new upload when its URL expired, and without
     * {@code Content-MD5}: a stream cannot be read twice, and its MD5 is known only once it has been sent. The stream
     * is not closed.
     *
     * @param in the bytes; read up to {@code length}
     * @param length how many bytes to send, the {@code Content-Length}
     * @throws UncheckedIOException if the stream fails or ends before {@code length} bytes
     * @throws IllegalArgumentException if {@code length} is negative or larger than {@code upload.max-size}, before any
     *         request
     */
    default UploadResult upload(InputStream in, long length, String contentType, String prefix) {
        return upload(in, length, contentType, prefix, null);
    }

    /**
     * {@link #upload(InputStream, long, String, String)} with a listener that hears the progress.
     *
     * @param listener told how many bytes are sent, or {@code null}
     */
    UploadResult upload(InputStream in, long length, String contentType, String prefix,
            UploadProgressListener listener);

    /**
     * Releases the client's connections. Does nothing on an injected client: the container owns it.
     */
    @Override
    void close();
}
