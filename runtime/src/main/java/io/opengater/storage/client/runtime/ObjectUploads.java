package io.opengater.storage.client.runtime;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.UploadProgressListener;
import io.quarkus.tls.TlsConfiguration;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.tracing.TracingPolicy;

/**
 * The {@code PUT} of the bytes to a presigned URL, on the application's Vert.x: a file with {@code sendfile(2)} where
 * the connection allows it ({@link ZeroCopyFileBody}), else streamed from disk with back-pressure,
 * with the signed {@code Content-Type} and a {@code Content-Length} (S3 refuses chunked uploads), and nothing of the
 * service's: the storage host is another party, it never sees the API key.
 */
final class ObjectUploads {

    private static final int STREAM_CHUNK = 64 * 1024;
    static final int MAX_ERROR_BODY = 64 * 1024;
    /**
     * Files are read 1 MiB at a time: Vert.x's default of 8 KiB costs a thread hop per 8 KiB and ran at a tenth of
     * curl's speed (BENCHMARKS.md); back-pressure still bounds the chunks in flight.
     */
    private static final int FILE_READ_CHUNK = 1024 * 1024;
    /**
     * Where a file is streamed (TLS), a few chunks may wait in the connection's queue, so that the next read overlaps
     * the write of the last one instead of waiting for Netty's default 64 KiB queue to drain (BENCHMARKS.md).
     */
    private static final int STREAMED_WRITE_QUEUE = 4 * FILE_READ_CHUNK;


    private final Vertx vertx;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Guarded guarded;
    private final Duration timeout;

    /**
     * @param tls the TLS configuration of the {@code PUT}s to https storage hosts, or {@code null} for the JVM's
     */
    ObjectUploads(Vertx vertx, ClientSettings settings, ObjectMapper json, TlsConfiguration tls,
            CallTelemetry telemetry) {
        this.vertx = vertx;
        this.json = json;
        this.timeout = settings.uploadTimeout();
        this.guarded = new Guarded(settings, "opengater-storage uploads " + settings.name(), timeout, false,
                telemetry);
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()))
                .setKeepAlive(true)
                // a span of Vert.x's own would record url.full, the presigned query with it; the client's spans
                // name the PUT without its query
                .setTracingPolicy(TracingPolicy.IGNORE);
        if (tls != null) {
            applyTls(options, tls);
        }
        this.http = vertx.createHttpClient(options);
    }

    /** The trust (and, for mutual TLS, the key) of a TLS registry configuration, for https storage hosts. */
    private static void applyTls(HttpClientOptions options, TlsConfiguration tls) {
        if (tls.getTrustStoreOptions() != null) {
            options.setTrustOptions(tls.getTrustStoreOptions());
        }
        if (tls.getKeyStoreOptions() != null) {
            options.setKeyCertOptions(tls.getKeyStoreOptions());
        }
        options.setTrustAll(tls.isTrustAll());
        options.setVerifyHost(!"NONE".equalsIgnoreCase(tls.getHostnameVerificationAlgorithm().orElse("HTTPS")));
    }

    /** A body that can be sent again for each attempt. */
    sealed interface Body {
        long length();
    }

    record FileBody(Path file, long length) implements Body {
    }

    record BytesBody(byte[] bytes) implements Body {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    /**
     * PUTs the body, retried from its start on unavailability, within the upload timeout per attempt.
     */
    Uni<Void> put(String uploadUrl, String contentType, Body body, UploadProgressListener listener) {
        String operation = operation(uploadUrl);
        return guarded.call(Operation.PUT_OBJECT_KIND, operation, Guarded.UNI_VOID,
                () -> Uni.createFrom().completionStage(() -> send(uploadUrl, operation, contentType, body, listener)
                        .toCompletionStage()))
                .onFailure(UploadProgress.ListenerException.class)
                .transform(failure -> ((UploadProgress.ListenerException) failure).thrown());
    }

    /**
     * A request's failures reach the caller through its futures; without a handler on the request and on its
     * connection Vert.x would also log each one, a reset included, as an error.
     */
    private static void reportedByTheFutures(HttpClientRequest request) {
        Handler<Throwable> ignored = failure -> {
        };
        request.exceptionHandler(ignored);
        request.connection().exceptionHandler(ignored);
    }

    private Future<Void> send(String uploadUrl, String operation, String contentType, Body body,
            UploadProgressListener listener) {
        UploadProgress progress = new UploadProgress(listener, body.length());
        if (progress.listenerFailure() != null) {
            return Future.failedFuture(progress.listenerFailure());
        }
        return http.request(request(uploadUrl, contentType, body.length())).compose(request -> {
            reportedByTheFutures(request);
            progress.stopWith(request::reset);
            if (body instanceof BytesBody bytes) {
                return request.send(Buffer.buffer(bytes.bytes()));
            }
            FileBody file = (FileBody) body;
            if (ZeroCopyFileBody.supports(request)) {
                ZeroCopyFileBody.send(request, file.file(), file.length(), progress)
                        // the response, when one came (an early 403, say), tells more than the broken body
                        .onFailure(failure -> request.reset(0, failure));
                return request.response();
            }
            request.setWriteQueueMaxSize(STREAMED_WRITE_QUEUE);
            return vertx.fileSystem().open(file.file().toString(), new OpenOptions().setRead(true).setWrite(false))
                    .map(asyncFile -> asyncFile.setReadBufferSize(FILE_READ_CHUNK))
                    .compose(asyncFile -> request.send(progress.counting(asyncFile))
                            .eventually(() -> asyncFile.close()));
        }).compose(response -> answer(response, operation)).map(done -> {
            progress.done();
            return done;
        }).transform(sent -> {
            UploadProgress.ListenerException listenerFailure = progress.listenerFailure();
            return listenerFailure != null ? Future.failedFuture(listenerFailure)
                    : sent.succeeded() ? Future.succeededFuture() : Future.failedFuture(sent.cause());
        });
    }

    /**
     * The blocking {@code PUT} of a stream, which cannot be read twice: no retries. The caller's thread reads the
     * stream and waits for each chunk to be written, so memory stays constant.
     */
    void putBlocking(String uploadUrl, String contentType, InputStream in, long length,
            UploadProgressListener listener) {
        String operation = operation(uploadUrl);
        long deadline = System.nanoTime() + timeout.toNanos();
        UploadProgress progress = new UploadProgress(listener, length);
        throwIfTheListenerDid(progress);
        HttpClientRequest request = null;
        try {
            request = await(http.request(request(uploadUrl, contentType, length)), deadline);
            reportedByTheFutures(request);
            progress.stopWith(request::reset);
            Future<HttpClientResponse> response = request.response();
            byte[] chunk = new byte[(int) Math.min(STREAM_CHUNK, Math.max(1, length))];
            long remaining = length;
            while (remaining > 0) {
                int read = readChunk(in, chunk, (int) Math.min(chunk.length, remaining));
                if (read < 0) {
                    request.reset();
                    throw new UncheckedIOException(new EOFException(
                            "the stream ended after " + (length - remaining) + " of " + length + " bytes"));
                }
                await(request.write(Buffer.buffer(read).appendBytes(chunk, 0, read)), deadline);
                progress.add(read);
                throwIfTheListenerDid(progress);
                remaining -= read;
            }
            await(request.end(), deadline);
            await(response.compose(answer -> answer(answer, operation)), deadline);
            progress.done();
            throwIfTheListenerDid(progress);
        } catch (java.util.concurrent.TimeoutException timedOut) {
            if (request != null) {
                request.reset();
            }
            throw StorageErrors.translate(operation, timeout, new TimeoutException(timedOut));
        } catch (ExecutionException failed) {
            throw StorageErrors.translate(operation, timeout, failed.getCause());
        } catch (RuntimeException failed) { // the stream or the listener threw: the request must not linger
            if (request != null) {
                request.reset();
            }
            throw failed;
        }
    }

    private static void throwIfTheListenerDid(UploadProgress progress) {
        if (progress.listenerFailure() != null) {
            throw progress.listenerFailure().thrown();
        }
    }

    private static int readChunk(InputStream in, byte[] chunk, int wanted) {
        try {
            return in.read(chunk, 0, wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the stream to upload failed", e);
        }
    }

    private static <T> T await(Future<T> future, long deadlineNanos)
            throws ExecutionException, java.util.concurrent.TimeoutException {
        CompletableFuture<T> completable = future.toCompletionStage().toCompletableFuture();
        try {
            return completable.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while uploading", e);
        }
    }

    private RequestOptions request(String uploadUrl, String contentType, long length) {
        return new RequestOptions().setMethod(HttpMethod.PUT).setAbsoluteURI(uploadUrl)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", String.valueOf(length))
                .setIdleTimeout(timeout.toMillis());
    }

    /**
     * Any 2xx ends it; otherwise the S3 error document says what went wrong. Its first {@value #MAX_ERROR_BODY}
     * bytes are enough for that: a longer body is not read further, and its connection is dropped, so that a hostile
     * or broken host cannot make the client hold an unbounded answer.
     */
    private Future<Void> answer(HttpClientResponse response, String operation) {
        if (response.statusCode() / 100 == 2) {
            return response.end();
        }
        Promise<Buffer> read = Promise.promise();
        Buffer kept = Buffer.buffer();
        response.handler(chunk -> {
            int room = MAX_ERROR_BODY - kept.length();
            kept.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            if (chunk.length() >= room && read.tryComplete(kept)) {
                response.request().reset();
            }
        });
        response.exceptionHandler(failure -> read.tryComplete(kept));
        response.endHandler(done -> read.tryComplete(kept));
        return read.future().compose(body -> Future.failedFuture(error(response, operation, body)));
    }

    private StorageException error(HttpClientResponse response, String operation, Buffer body) {
        return StorageErrors.forStatus(operation, response.statusCode(),
                StorageErrors.s3Detail(json, body.length() == 0 ? null : body.toString(StandardCharsets.UTF_8)),
                StorageErrors.retryAfter(response.getHeader("Retry-After"), Instant.now()));
    }

    /**
     * {@code PUT https://host/bucket/key}: the presigned URL without its query, which holds the signature.
     */
    static String operation(String uploadUrl) {
        URI uri = URI.create(uploadUrl);
        return "PUT " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }

    void close() {
        http.close();
    }
}
