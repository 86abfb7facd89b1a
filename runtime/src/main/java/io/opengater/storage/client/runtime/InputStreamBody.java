package io.opengater.storage.client.runtime;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Exactly {@code length} bytes of a caller's stream, as a Vert.x stream for the {@code PUT}: read on a worker thread,
 * one chunk at a time and only when the request asks for more, so that memory stays constant however large the
 * stream. A stream that ends early or fails to read fails the upload with a {@link CallerFailure}, which reaches the
 * caller as an {@link UncheckedIOException}.
 */
final class InputStreamBody implements ReadStream<Buffer> {

    private static final int CHUNK = 64 * 1024;

    private final Context context;
    private final Handler<Throwable> stop;
    private final InputStream in;
    private final long length;
    private final byte[] chunk;
    private long remaining;
    private long demand = Long.MAX_VALUE;
    private boolean reading;
    private boolean ended;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;

    /**
     * @param stop what stops the request when the stream fails: a request ended short of its {@code Content-Length}
     *        would leave the host waiting for the rest
     */
    InputStreamBody(Context context, InputStream in, long length, Handler<Throwable> stop) {
        this.context = context;
        this.stop = stop;
        this.in = in;
        this.length = length;
        this.remaining = length;
        this.chunk = new byte[(int) Math.min(CHUNK, Math.max(1, length))];
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.handler = handler;
        readIfWanted();
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        demand = 0;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        demand = Long.MAX_VALUE - demand < amount ? Long.MAX_VALUE : demand + amount;
        readIfWanted();
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        readIfWanted();
        return this;
    }

    /** On the request's context; the read itself runs on a worker. */
    private void readIfWanted() {
        if (reading || ended || demand == 0 || handler == null) {
            return;
        }
        if (remaining == 0) {
            ended = true;
            if (endHandler != null) {
                endHandler.handle(null);
            }
            return;
        }
        reading = true;
        int wanted = (int) Math.min(chunk.length, remaining);
        context.<Buffer> executeBlocking(() -> read(wanted), true).onComplete(read -> {
            reading = false;
            if (read.failed()) {
                ended = true;
                stop.handle(read.cause());
                if (exceptionHandler != null) {
                    exceptionHandler.handle(read.cause());
                }
                return;
            }
            remaining -= read.result().length();
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            Handler<Buffer> reader = handler;
            if (reader == null) {
                return; // the request stopped reading: it ended or failed
            }
            try {
                reader.handle(read.result());
            } catch (RuntimeException stopped) {
                // the request was reset meanwhile (its progress listener threw): nothing more is read
                ended = true;
                return;
            }
            readIfWanted();
        });
    }

    private Buffer read(int wanted) {
        int read;
        try {
            read = in.read(chunk, 0, wanted);
        } catch (IOException e) {
            throw new CallerFailure(new UncheckedIOException("reading the stream to upload failed", e));
        } catch (RuntimeException e) {
            throw new CallerFailure(e);
        }
        if (read < 0) {
            throw new CallerFailure(new UncheckedIOException(new EOFException(
                    "the stream ended after " + (length - remaining) + " of " + length + " bytes")));
        }
        return Buffer.buffer(read).appendBytes(chunk, 0, read);
    }
}
