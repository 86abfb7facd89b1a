package io.opengater.storage.client.runtime;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opengater.storage.client.UploadProgressListener;
import io.opengater.storage.client.UploadResult;
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
 * with the signed {@code Content-Type}, a {@code Content-Length} (S3 refuses chunked uploads), the body's
 * {@code Content-MD5} when the client sends one, and nothing of the service's: the storage host is another party, it
 * never sees the API key.
 */
final class PresignedPut implements AutoCloseable {

    static final int MAX_ERROR_BODY = 64 * 1024;
    /** Files are read 1 MiB at a time: Vert.x's default of 8 KiB costs a thread hop per 8 KiB. */
    private static final int FILE_READ_CHUNK = 1024 * 1024;
    /** A few chunks may wait in the connection's queue, so that the next read overlaps the last write. */
    private static final int STREAMED_WRITE_QUEUE = 4 * FILE_READ_CHUNK;


    private final Vertx vertx;
    private final HttpClient http;
    private final ObjectMapper json;
    private final CallGuard retried;
    private final CallGuard once;
    private final Duration timeout;

    /**
     * @param tls the TLS configuration of the {@code PUT}s to https storage hosts, or {@code null} for the JVM's
     * @param proxies the client's proxies, of which the {@code PUT}s use theirs
     */
    PresignedPut(Vertx vertx, ClientSettings settings, ObjectMapper json, TlsConfiguration tls, ClientProxies proxies,
            CallTelemetry telemetry, AttemptTimeouts timeouts) {
        this.vertx = vertx;
        this.json = json;
        this.timeout = settings.config().upload().timeout();
        this.retried = new CallGuard(settings, "opengater-storage uploads " + settings.name(), timeout, true, false,
                telemetry, timeouts);
        this.once = new CallGuard(settings, "opengater-storage stream uploads " + settings.name(), timeout, false,
                false, telemetry, timeouts);
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.config().timeout().toMillis()))
                .setKeepAlive(true)
                // a span of Vert.x's own would record url.full, the presigned query with it; the client's spans
                // name the PUT without its query
                .setTracingPolicy(TracingPolicy.IGNORE);
        if (tls != null) {
            applyTls(options, tls);
        }
        proxies.applyTo(options);
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

    /** What an upload sends. */
    sealed interface Body {
        long length();
    }

    /** A stream, read once: never retried. */
    record StreamBody(InputStream in, long length) implements Body {
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
     * PUTs the body to the upload's presigned URL, within the upload timeout per attempt; a file or bytes are retried
     * from their start on unavailability, a stream is not.
     *
     * @param contentMd5 the body's {@code Content-MD5}, which the storage host checks, or {@code null} for none
     */
    Uni<Void> put(UploadResult target, String contentType, Body body, String contentMd5,
            UploadProgressListener listener) {
        URI uploadUrl = URI.create(target.uploadUrl());
        CallGuard guard = body instanceof StreamBody ? once : retried;
        return guard.call(Operation.putObject(uploadUrl), CallGuard.UNI_VOID, () -> Uni.createFrom()
                .completionStage(() -> send(target.uploadUrl(), contentType, body, contentMd5, listener)
                        .toCompletionStage()));
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

    private Future<Void> send(String uploadUrl, String contentType, Body body, String contentMd5,
            UploadProgressListener listener) {
        UploadProgress progress = new UploadProgress(listener, body.length());
        if (progress.listenerFailure() != null) {
            return Future.failedFuture(progress.listenerFailure());
        }
        return http.request(request(uploadUrl, contentType, body.length(), contentMd5)).compose(request -> {
            reportedByTheFutures(request);
            progress.stopWith(request::reset);
            if (body instanceof BytesBody bytes) {
                return request.send(Buffer.buffer(bytes.bytes()));
            }
            if (body instanceof StreamBody stream) {
                InputStreamBody read = new InputStreamBody(vertx.getOrCreateContext(), stream.in(), stream.length(),
                        failure -> request.reset(0, failure));
                return request.send(progress.counting(read));
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
        }).compose(this::response).map(done -> {
            progress.done();
            return done;
        }).transform(sent -> {
            CallerFailure listenerFailure = progress.listenerFailure();
            return listenerFailure != null ? Future.failedFuture(listenerFailure)
                    : sent.succeeded() ? Future.succeededFuture() : Future.failedFuture(sent.cause());
        });
    }

    private RequestOptions request(String uploadUrl, String contentType, long length, String contentMd5) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.PUT).setAbsoluteURI(uploadUrl)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", String.valueOf(length))
                .setIdleTimeout(timeout.toMillis());
        // not signed: S3 checks it whenever it is sent, a presigned PUT too
        return contentMd5 == null ? request : request.putHeader("Content-MD5", contentMd5);
    }

    /**
     * Any 2xx ends it; otherwise the S3 error document says what went wrong, or it is the proxy's refusal. Its first
     * {@value #MAX_ERROR_BODY} bytes are enough for that: a longer body is not read further, and its connection is
     * dropped, so that a hostile or broken host cannot make the client hold an unbounded response.
     */
    private Future<Void> response(HttpClientResponse response) {
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
        if (ProxyRefusals.refusedByProxy(response.statusCode(), response.getHeader("Proxy-Authenticate"),
                response.headers().getAll("WWW-Authenticate"))) {
            return read.future().compose(body -> Future.failedFuture(
                    ProxyRefusals.refusal(response.statusCode(), response.statusMessage())));
        }
        return read.future().compose(body -> Future.failedFuture(new ErrorResponse(response.statusCode(),
                StorageErrors.s3Detail(json, body.length() == 0 ? null : body.toString(StandardCharsets.UTF_8)),
                StorageErrors.retryAfter(response.getHeader("Retry-After"), Instant.now()))));
    }

    @Override
    public void close() {
        http.close();
    }
}
