package io.opengater.storage.client;

/**
 * Hears how far an upload of bytes has come: at the start, at most a few times a second while the bytes flow, and
 * once at the end with {@code bytesSent == totalBytes}. A retry starts again from 0. Called on an I/O thread: it must
 * return quickly and never block.
 */
@FunctionalInterface
public interface UploadProgressListener {

    /**
     * @param bytesSent the bytes sent so far in this attempt
     * @param totalBytes the size of the upload
     */
    void progress(long bytesSent, long totalBytes);
}
