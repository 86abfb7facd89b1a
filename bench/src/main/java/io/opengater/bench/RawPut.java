package io.opengater.bench;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelFuture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * A diagnosis, not part of the comparison: the extension's kind of file {@code PUT} (a Vert.x {@code HttpClient} on
 * HTTP/1.1), written out with its parameters exposed, to see what each does to the throughput:
 * <ul>
 * <li>{@code asyncfile}: an {@code AsyncFile} sent with {@code request.send(ReadStream)}, with the file's read
 * buffer and the request's write queue size as parameters (Vert.x's defaults: 8 KiB and 64 KiB);</li>
 * <li>{@code sendfile}: the headers, then the file as a Netty {@code FileRegion} ({@code sendfile(2)}, zero-copy),
 * then the end of the request.</li>
 * </ul>
 */
final class RawPut {

    private RawPut() {
    }

    static void run(Vertx vertx, String url, Path file, String contentType, String mode, int readBufferSize,
            int writeQueueMaxSize, int repeat) throws Exception {
        long size = Files.size(file);
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true));
        try {
            for (int i = 0; i < repeat; i++) {
                RequestOptions options = new RequestOptions().setMethod(HttpMethod.PUT).setAbsoluteURI(url + "-" + i)
                        .putHeader("Content-Type", contentType).putHeader("Content-Length", String.valueOf(size));
                long start = System.nanoTime();
                int status = http.request(options)
                        .compose(request -> "sendfile".equals(mode) ? sendFile(request, file, size)
                                : asyncFile(vertx, request, file, readBufferSize, writeQueueMaxSize))
                        .compose(response -> response.end().map(done -> response.statusCode()))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (status / 100 != 2) {
                    throw new IllegalStateException("HTTP " + status + " from " + url);
                }
                // the sink keeps what it stored: delete it, or every run writes into a fuller tmpfs (nginx: dav DELETE)
                http.request(new RequestOptions().setMethod(HttpMethod.DELETE).setAbsoluteURI(url + "-" + i))
                        .compose(request -> request.send()).compose(HttpClientResponse::end)
                        .toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
                System.out.printf(Locale.ROOT,
                        "RAWPUT mode=%s read_buffer=%d write_queue=%d run=%d bytes=%d seconds=%.3f mib_per_s=%.1f%n",
                        mode, readBufferSize, writeQueueMaxSize, i, size, seconds, size / 1048576.0 / seconds);
            }
        } finally {
            http.close();
        }
    }

    private static Future<HttpClientResponse> asyncFile(Vertx vertx, HttpClientRequest request, Path file,
            int readBufferSize, int writeQueueMaxSize) {
        if (writeQueueMaxSize > 0) {
            request.setWriteQueueMaxSize(writeQueueMaxSize);
        }
        return vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true))
                .compose(asyncFile -> request.send(asyncFile.setReadBufferSize(readBufferSize))
                        .eventually(() -> asyncFile.close()));
    }

    private static Future<HttpClientResponse> sendFile(HttpClientRequest request, Path file, long size) {
        return request.sendHead().compose(sent -> {
            Promise<Void> written = Promise.promise();
            try {
                RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r");
                ChannelFuture region = ((ConnectionBase) request.connection()).sendFile(raf, 0, size);
                region.addListener(done -> {
                    raf.close();
                    if (done.isSuccess()) {
                        written.complete();
                    } else {
                        written.fail(done.cause());
                    }
                });
            } catch (Exception e) {
                written.fail(e);
            }
            return written.future();
        }).compose(written -> request.end()).compose(ended -> request.response());
    }
}
