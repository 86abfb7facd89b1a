package io.opengater.storage.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * The MD5 of a {@code PUT}'s body, taken as the body streams to its file, for the check of a {@code Content-MD5}
 * header as S3 makes it: {@code InvalidDigest} when the header is not the base64 of 16 bytes, {@code BadDigest} when
 * it is not the MD5 of the bytes received.
 */
final class ContentDigest {

    private final HttpServerRequest request;
    private final MessageDigest md5;

    ContentDigest(HttpServerRequest request) {
        this.request = request;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** @return whether the header can be an MD5 at all: the base64 of 16 bytes */
    static boolean wellFormed(String contentMd5) {
        return decoded(contentMd5) != null;
    }

    /** Pipes the request's body to {@code out}, digesting each buffer on its way. */
    Future<Void> pipeTo(WriteStream<Buffer> out) {
        return digesting().pipeTo(out);
    }

    /** @return whether the body that went through {@link #pipeTo} has this MD5; call once, at its end */
    boolean matches(String contentMd5) {
        byte[] expected = decoded(contentMd5);
        return expected != null && MessageDigest.isEqual(expected, md5.digest());
    }

    private static byte[] decoded(String contentMd5) {
        try {
            byte[] bytes = Base64.getDecoder().decode(contentMd5.strip());
            return bytes.length == 16 ? bytes : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private ReadStream<Buffer> digesting() {
        return new ReadStream<>() {
            @Override
            public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
                request.exceptionHandler(handler);
                return this;
            }

            @Override
            public ReadStream<Buffer> handler(Handler<Buffer> handler) {
                request.handler(handler == null ? null : buffer -> {
                    md5.update(buffer.getBytes());
                    handler.handle(buffer);
                });
                return this;
            }

            @Override
            public ReadStream<Buffer> pause() {
                request.pause();
                return this;
            }

            @Override
            public ReadStream<Buffer> resume() {
                request.resume();
                return this;
            }

            @Override
            public ReadStream<Buffer> fetch(long amount) {
                request.fetch(amount);
                return this;
            }

            @Override
            public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
                request.endHandler(endHandler);
                return this;
            }
        };
    }
}
