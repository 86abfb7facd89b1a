package io.opengater.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

/**
 * A diagnosis, not part of the comparison: the same {@code PUT} as the extension's file upload (a Vert.x
 * {@code HttpClient} on HTTP/1.1, an {@code AsyncFile} sent with {@code request.send(ReadStream)}), but with the
 * {@code AsyncFile}'s read buffer size as a parameter, to see what it does to the throughput. Vert.x's default is
 * 8 KiB.
 */
final class RawPut {

    private RawPut() {
    }

    static void run(Vertx vertx, String url, Path file, String contentType, int readBufferSize) throws Exception {
        long size = Files.size(file);
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true));
        try {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.PUT).setAbsoluteURI(url)
                    .putHeader("Content-Type", contentType).putHeader("Content-Length", String.valueOf(size));
            long start = System.nanoTime();
            int status = http.request(options)
                    .compose(request -> vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true))
                            .compose(asyncFile -> request.send(asyncFile.setReadBufferSize(readBufferSize))
                                    .eventually(() -> asyncFile.close())))
                    .compose(response -> response.end().map(done -> response.statusCode()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (status / 100 != 2) {
                throw new IllegalStateException("HTTP " + status + " from " + url);
            }
            System.out.printf(Locale.ROOT, "RAWPUT read_buffer=%d bytes=%d seconds=%.3f mib_per_s=%.1f%n",
                    readBufferSize, size, seconds, size / 1048576.0 / seconds);
        } finally {
            http.close();
        }
    }
}
