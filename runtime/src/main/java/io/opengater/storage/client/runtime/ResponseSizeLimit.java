package io.opengater.storage.client.runtime;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpClientRequest;

/**
 * Bounds how much of one response of the service is read: the REST client reads a response whole before anything
 * looks at it, so a host that sends 50 MB (declared or chunked, compressed or not) would otherwise be held in memory.
 * Installed on each HTTP/1.1 connection of a client, after the decompressor, it lets through at most
 * {@link #MAX_BYTES} + 1 bytes of each body, then ends the response there and closes the connection; the readers
 * of the body see that it is longer than {@link #MAX_BYTES} ({@link #tooLong(int)}).
 * <p>
 * Vert.x 4 reaches a connection's Netty pipeline only through its internal class {@code ConnectionBase}. Where
 * that class is not there, responses are read whole, and the start logs a warning saying so
 * ({@link #UNAVAILABLE_BECAUSE}).
 */
final class ResponseSizeLimit extends ChannelInboundHandlerAdapter {

    /** The service's responses are a few hundred bytes of JSON; an error page of a proxy is a few kilobytes. */
    static final int MAX_BYTES = 1024 * 1024;

    static final String TOO_LONG = "the response is longer than 1 MiB; the rest was not read";

    private static final String NAME = "opengater-storage-response-limit";

    private static final AttributeKey<Boolean> INSTALLED = AttributeKey.valueOf(NAME);

    private static final String CONNECTION_BASE = "io.vertx.core.net.impl.ConnectionBase";

    /** Why the limit cannot be installed on this Vert.x, or {@code null} when it can. */
    static final String UNAVAILABLE_BECAUSE = unavailableBecause();

    private long bodyBytes;
    private boolean dropping;

    private static String unavailableBecause() {
        try {
            Class.forName(CONNECTION_BASE, false, ResponseSizeLimit.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError missing) {
            return "this Vert.x has no " + CONNECTION_BASE;
        }
    }

    /** For {@code QuarkusRestClientBuilder.httpClientRequestCustomizer}: installs the limit once per connection. */
    static void install(HttpClientRequest request) {
        if (UNAVAILABLE_BECAUSE == null
                && request.connection() instanceof io.vertx.core.net.impl.ConnectionBase connection) {
            ChannelHandlerContext vertx = connection.channelHandlerContext();
            // an attribute of the channel, not a search of the pipeline by name, tells that it is there
            if (vertx.channel().attr(INSTALLED).setIfAbsent(Boolean.TRUE) == null) {
                vertx.pipeline().addBefore(vertx.name(), NAME, new ResponseSizeLimit());
            }
        }
    }

    /** True for a body this limit cut. */
    static boolean tooLong(int bodyLength) {
        return bodyLength > MAX_BYTES;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpResponse) {
            bodyBytes = 0;
            dropping = false;
        }
        if (!(message instanceof HttpContent content)) {
            ctx.fireChannelRead(message);
            return;
        }
        if (dropping) {
            ReferenceCountUtil.release(message);
            return;
        }
        long room = MAX_BYTES + 1L - bodyBytes;
        int readable = content.content().readableBytes();
        if (readable < room) {
            bodyBytes += readable;
            ctx.fireChannelRead(message);
            return;
        }
        // The body ends with one byte beyond the limit, which tells its readers that it was cut.
        dropping = true;
        DefaultLastHttpContent last = new DefaultLastHttpContent(content.content().retainedSlice(
                content.content().readerIndex(), (int) room));
        ReferenceCountUtil.release(message);
        ctx.fireChannelRead(last);
        ctx.close();
    }
}
