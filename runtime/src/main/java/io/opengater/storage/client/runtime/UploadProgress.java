package io.opengater.storage.client.runtime;

import io.opengater.storage.client.UploadProgressListener;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Counts the bytes of one attempt and tells the listener at the start, at most every 250 ms, and at the end. When the
 * listener throws, it is not told again and the request is stopped: the upload then fails with a
 * {@link CallerFailure} that carries what the listener threw, for the caller.
 */
final class UploadProgress {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final UploadProgressListener listener;
    private final long total;
    private long sent;
    private long lastReport;
    private volatile RuntimeException listenerFailure;
    private volatile Runnable stop = () -> {
    };

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

    /** What stops the request when the listener throws; at once if it has thrown already. */
    void stopWith(Runnable stop) {
        this.stop = stop;
        if (listenerFailure != null) {
            stop.run();
        }
    }

    /** @return what the listener threw, or {@code null} */
    CallerFailure listenerFailure() {
        return listenerFailure == null ? null : new CallerFailure(listenerFailure);
    }

    private void report() {
        if (listener == null || listenerFailure != null) {
            return;
        }
        try {
            listener.progress(sent, total);
        } catch (RuntimeException thrown) {
            // called on I/O threads too, where a throw would be lost: kept for the caller instead
            listenerFailure = thrown;
            stop.run();
        }
    }

    /** The same stream, each buffer counted once it is handed to the request. */
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
                    handler.handle(buffer);
                    add(buffer.length());
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
