package io.opengater.storage.client.runtime;

import java.io.File;
import java.nio.file.Path;

import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultFileRegion;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * A file sent as a request body with {@code sendfile(2)}: the kernel moves the bytes from the page cache to the
 * socket, with no copy through the JVM.
 * <p>
 * Why it exists: streamed through an {@code AsyncFile}, each chunk is read into a heap buffer on a worker thread,
 * copied into a direct buffer by Netty and written from the event loop, which is markedly slower. Vert.x 4's HTTP
 * client has no {@code sendFile} (its server response has), so this writes Netty {@code FileRegion}s on the request's
 * connection, which means one internal Vert.x class, {@link ConnectionBase}; {@link #supports} checks for it, and the
 * caller streams when it is not there (another Vert.x) or when the connection is TLS (the bytes must be encrypted in
 * the JVM).
 * <p>
 * The file goes in regions of {@value #REGION_SIZE} bytes so that progress can be reported as each is written. The
 * headers are sent first and the request ended after the last region, all on the connection's own event loop, so the
 * order on the wire is the request's.
 */
final class ZeroCopyFileBody {

    static final int REGION_SIZE = 8 * 1024 * 1024;

    private ZeroCopyFileBody() {
    }

    static boolean supports(HttpClientRequest request) {
        HttpConnection connection = request.connection();
        return connection instanceof ConnectionBase && !connection.isSsl();
    }

    /**
     * Sends the head of the request, then {@code length} bytes of {@code file}, then ends the request. The future
     * fails when the file is shorter than {@code length} or the connection breaks.
     */
    static Future<Void> send(HttpClientRequest request, Path file, long length, UploadProgress progress) {
        ConnectionBase connection = (ConnectionBase) request.connection();
        return request.sendHead()
                .compose(headSent -> writeRegions(connection, file.toFile(), length, progress))
                .compose(bodySent -> request.end());
    }

    private static Future<Void> writeRegions(ConnectionBase connection, File file, long length,
            UploadProgress progress) {
        Promise<Void> written = Promise.promise();
        if (length == 0) {
            written.complete();
        }
        for (long offset = 0; offset < length; offset += REGION_SIZE) {
            long count = Math.min(REGION_SIZE, length - offset);
            boolean last = offset + count == length;
            ChannelPromise regionWritten = connection.channelHandlerContext().newPromise();
            regionWritten.addListener(done -> {
                if (!done.isSuccess()) {
                    written.tryFail(done.cause());
                    return;
                }
                progress.add(count);
                if (last) {
                    written.tryComplete();
                }
            });
            // the region opens the file when Netty starts writing it, and closes it once written or dropped
            connection.writeToChannel(new DefaultFileRegion(file, offset, count), regionWritten);
        }
        return written.future();
    }
}
