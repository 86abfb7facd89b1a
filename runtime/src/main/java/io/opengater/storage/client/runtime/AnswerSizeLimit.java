package io.opengater.storage.client.runtime;

import org.jboss.logging.Logger;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Bounds how much of one answer of the service is read: the REST client reads an answer whole before anything looks at
 * it, so a host that answers 50 MB (declared or chunked, compressed or not) would otherwise be held in memory. Installed
 * on each HTTP/1.1 connection of a client, after the decompressor, it counts the body's bytes of each answer and, past
 * {@link #MAX_BYTES}, drops the rest and closes the connection. An error answer ends there, and its detail comes from
 * what was read; a success fails with {@link AnswerTooLargeException}, which {@link StorageErrors#translate} turns into
 * a {@link io.opengater.storage.client.StorageException} with the answer's status.
 * <p>
 * It needs the connection's Netty pipeline, which Vert.x 4 reaches through one internal class,
 * {@link ConnectionBase}, as {@link ZeroCopyFileBody} does; where that is not there, answers are read whole.
 */
final class AnswerSizeLimit extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(AnswerSizeLimit.class);

    /** The service's answers are a few hundred bytes of JSON; an error page of a proxy is a few kilobytes. */
    static final int MAX_BYTES = 1024 * 1024;

    static final String NAME = "opengater-storage-answer-limit";

    private int status;
    private long bodyBytes;
    private boolean dropping;

    /** For {@code QuarkusRestClientBuilder.httpClientRequestCustomizer}: installs the limit once per connection. */
    static void install(HttpClientRequest request) {
        HttpConnection connection = request.connection();
        if (connection instanceof ConnectionBase base) {
            ChannelHandlerContext vertx = base.channelHandlerContext();
            ChannelPipeline pipeline = vertx.pipeline();
            if (pipeline.get(NAME) == null) {
                pipeline.addBefore(vertx.name(), NAME, new AnswerSizeLimit());
                // The failure reaches the caller through the answer; without a handler Vert.x would also log each
                // failure of the connection as an error.
                connection.exceptionHandler(failure -> LOG.debugf("opengater-storage connection failed: %s",
                        failure.toString()));
            }
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpResponse response) {
            status = response.status().code();
            bodyBytes = 0;
            dropping = false;
        }
        if (message instanceof HttpContent content) {
            if (dropping) {
                ReferenceCountUtil.release(message);
                return;
            }
            bodyBytes += content.content().readableBytes();
            if (bodyBytes > MAX_BYTES) {
                dropping = true;
                ReferenceCountUtil.release(message);
                if (status >= 300) {
                    // An error page: its beginning is all the detail needs, so the answer ends here.
                    ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
                } else {
                    ctx.fireExceptionCaught(new AnswerTooLargeException(status));
                }
                ctx.close();
                return;
            }
        }
        ctx.fireChannelRead(message);
    }

    /** An answer longer than {@link #MAX_BYTES}; its status is the answer's. */
    static final class AnswerTooLargeException extends RuntimeException {

        private final int status;

        AnswerTooLargeException(int status) {
            super("the answer is longer than " + MAX_BYTES / (1024 * 1024) + " MiB; the rest was not read", null, false,
                    false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
