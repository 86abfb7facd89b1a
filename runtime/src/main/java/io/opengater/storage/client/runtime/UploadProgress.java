package io.opengater.storage.client.runtime;

import io.opengater.storage.client.UploadProgressListener;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Counts the bytes of one attempt and tells the listener at the start, at most every 250 ms, and at the end.
 */
final class UploadProgress {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final UploadProgressListener listener;
    private final long total;
    private long sent;
    private long lastReport;

    UploadProgress(UploadProgressListener listener, long total) {
        this.listener = listener;
        this.total = total;
        this.lastReport = System.nanoTime();
        report();
    }

    void add(long bytes) {
        sent += bytes;
        long now = System.nanoTime();
        if (now - lastReport >= INTERVAL_NANOS && sent < total) {
            lastReport = now;
            report();
        }
    }

    void done() {
        sent = total;
        report();
    }

    private void report() {
        if (listener != null) {
            listener.progress(sent, total);
        }
    }

    /** The same stream, counted as it is read. */
    ReadStream<Buffer> counting(ReadStream<Buffer> stream) {
        return new ReadStream<>() {
            @Override
            public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
                stream.exceptionHandler(handler);
                return this;
            }

            @Override
            public ReadStream<Buffer> handler(Handler<Buffer> handler) {
                stream.handler(handler == null ? null : buffer -> {
                    add(buffer.length());
                    handler.handle(buffer);
                });
                return this;
            }

            @Override
            public ReadStream<Buffer> pause() {
                stream.pause();
                return this;
            }

            @Override
            public ReadStream<Buffer> resume() {
                stream.resume();
                return this;
            }

            @Override
            public ReadStream<Buffer> fetch(long amount) {
                stream.fetch(amount);
                return this;
            }

            @Override
            public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
                stream.endHandler(endHandler);
                return this;
            }
        };
    }
}
