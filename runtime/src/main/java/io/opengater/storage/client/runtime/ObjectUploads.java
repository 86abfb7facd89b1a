package io.opengater.storage.client.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.opengater.storage.client.UploadProgressListener;
import io.opengater.storage.client.UploadResult;
import io.smallrye.mutiny.Uni;

/**
 * A whole upload: its arguments checked before anything is sent, {@code POST /uploads}, then the {@code PUT} of the
 * bytes to the presigned URL it hands out.
 */
final class ObjectUploads implements AutoCloseable {

    private final StorageService service;
    private final PresignedPut put;

    ObjectUploads(StorageService service, PresignedPut put) {
        this.service = service;
        this.put = put;
    }

    Uni<UploadResult> upload(Path file, String contentType, String prefix, UploadProgressListener listener) {
        Arguments.uploadContentType(contentType);
        return upload(new PresignedPut.FileBody(file, readableSize(file)), contentType, prefix, listener);
    }

    Uni<UploadResult> upload(byte[] bytes, String contentType, String prefix, UploadProgressListener listener) {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
        Arguments.uploadContentType(contentType);
        return upload(new PresignedPut.BytesBody(bytes), contentType, prefix, listener);
    }

    Uni<UploadResult> upload(InputStream in, long length, String contentType, String prefix,
            UploadProgressListener listener) {
        if (in == null) {
            throw new IllegalArgumentException("in must not be null");
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, was " + length);
        }
        Arguments.uploadContentType(contentType);
        return upload(new PresignedPut.StreamBody(in, length), contentType, prefix, listener);
    }

    private Uni<UploadResult> upload(PresignedPut.Body body, String contentType, String prefix,
            UploadProgressListener listener) {
        return service.createUpload(new CreateUploadRequest(contentType, prefix))
                .call(target -> put.put(target, contentType, body, listener));
    }

    /** A file that cannot be read fails before any request. */
    private static long readableSize(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "not a regular file");
            }
            if (!Files.isReadable(file)) {
                throw new AccessDeniedException(file.toString(), null, "not readable");
            }
            return Files.size(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot upload " + file + ": " + unreadable.getMessage(), unreadable);
        }
    }

    @Override
    public void close() {
        put.close();
    }
}
