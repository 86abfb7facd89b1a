package io.opengater.storage.client.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.UploadChecksum;
import io.opengater.storage.client.UploadProgressListener;
import io.opengater.storage.client.UploadResult;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A whole upload: its arguments and size checked before anything is sent, the body's {@code Content-MD5} when the
 * client sends one, {@code POST /uploads}, then the {@code PUT} of the bytes to the presigned URL it hands out, and a
 * new upload once when that URL expired before the {@code PUT}.
 */
final class ObjectUploads implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ObjectUploads.class);

    /**
     * Where the MD5 of a file or an array is computed: it reads the whole body, which must not hold up an event loop.
     */
    enum DigestThread {
        /** The blocking client's caller, which waits for the upload anyway. */
        CALLER,
        /** A Vert.x worker thread: the reactive client may be subscribed to on an event loop. */
        WORKER
    }

    private final ClientSettings settings;
    private final StorageService service;
    private final PresignedPut put;
    private final Vertx vertx;

    ObjectUploads(ClientSettings settings, StorageService service, PresignedPut put, Vertx vertx) {
        this.settings = settings;
        this.service = service;
        this.put = put;
        this.vertx = vertx;
    }

    Uni<UploadResult> upload(Path file, String contentType, String prefix, UploadProgressListener listener,
            DigestThread digestThread) {
        Arguments.uploadContentType(contentType);
        long size = readableSize(file);
        withinMaxSize("file is " + size + " bytes", size);
        return upload(new PresignedPut.FileBody(file, size), contentType, prefix, listener, digestThread);
    }

    Uni<UploadResult> upload(byte[] bytes, String contentType, String prefix, UploadProgressListener listener,
            DigestThread digestThread) {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
        Arguments.uploadContentType(contentType);
        withinMaxSize("bytes holds " + bytes.length + " bytes", bytes.length);
        return upload(new PresignedPut.BytesBody(bytes), contentType, prefix, listener, digestThread);
    }

    /** A stream's bytes are known only as they are sent: no {@code Content-MD5}, and never sent twice. */
    Uni<UploadResult> upload(InputStream in, long length, String contentType, String prefix,
            UploadProgressListener listener) {
        if (in == null) {
            throw new IllegalArgumentException("in must not be null");
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, was " + length);
        }
        Arguments.uploadContentType(contentType);
        withinMaxSize("length is " + length + " bytes", length);
        return createAndPut(new PresignedPut.StreamBody(in, length), null, contentType, prefix, listener, false);
    }

    private Uni<UploadResult> upload(PresignedPut.Body body, String contentType, String prefix,
            UploadProgressListener listener, DigestThread digestThread) {
        boolean renew = settings.config().upload().renewExpired();
        return contentMd5(body, digestThread)
                .chain(md5 -> createAndPut(body, md5, contentType, prefix, listener, renew));
    }

    /**
     * {@code POST /uploads}, then the {@code PUT}; when {@code renew}, a URL that expired before the {@code PUT} gets a
     * new upload, once.
     */
    private Uni<UploadResult> createAndPut(PresignedPut.Body body, String md5, String contentType, String prefix,
            UploadProgressListener listener, boolean renew) {
        return service.createUpload(new CreateUploadRequest(contentType, prefix))
                .chain(target -> put.put(target, contentType, body, md5, listener).replaceWith(target)
                        .onFailure(failure -> renew && expired(failure)).recoverWithUni(() -> {
                            LOG.debugf("The presigned URL of %s expired before its PUT: creating a new upload",
                                    target.key());
                            return createAndPut(body, md5, contentType, prefix, listener, false);
                        }));
    }

    /**
     * The body's {@code Content-MD5} when the client sends one, else {@code null}: computed once per subscription,
     * before {@code POST /uploads}, and sent with every attempt of the {@code PUT}.
     */
    private Uni<String> contentMd5(PresignedPut.Body body, DigestThread digestThread) {
        if (settings.config().upload().checksum() != UploadChecksum.MD5) {
            return Uni.createFrom().nullItem();
        }
        Supplier<String> digest = body instanceof PresignedPut.FileBody file
                ? () -> ContentMd5.of(file.file(), file.length())
                : () -> ContentMd5.of(((PresignedPut.BytesBody) body).bytes());
        return digestThread == DigestThread.CALLER ? Uni.createFrom().item(digest)
                : Uni.createFrom().completionStage(() -> vertx.executeBlocking(digest::get, false).toCompletionStage());
    }

    /** S3's answer to a presigned URL used after it expired: 403 {@code AccessDenied}, "Request has expired". */
    static boolean expired(Throwable failure) {
        return failure instanceof StorageAuthException refused && refused.statusCode() != null
                && refused.statusCode() == 403 && refused.detail() != null
                && refused.detail().startsWith("AccessDenied")
                && refused.detail().toLowerCase(Locale.ROOT).contains("expired");
    }

    /** A body larger than {@code upload.max-size} would be refused by the storage host: refused before any request. */
    private void withinMaxSize(String size, long bytes) {
        BigInteger limit = settings.config().upload().maxSize().asBigInteger();
        if (BigInteger.valueOf(bytes).compareTo(limit) > 0) {
            throw new IllegalArgumentException(size + ", more than " + settings.names().name("upload.max-size")
                    + " (" + limit + " bytes)");
        }
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
