package io.opengater.storage.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port that breaks what it carries from the client. Either it resets the first connection
 * after {@code bytesBeforeReset} bytes from the client, in the middle of a request body, and later connections pass
 * whole; or ({@link #flippingByteAt}) it inverts one byte of what each connection's client sends, a body changed in
 * flight.
 */
public final class BreakingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger flipped = new AtomicInteger();

    public BreakingProxy(int targetPort, long bytesBeforeReset) {
        this(targetPort, bytesBeforeReset, -1);
    }

    private BreakingProxy(int targetPort, long bytesBeforeReset, long flipAt) {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    long limit = connections.incrementAndGet() == 1 ? bytesBeforeReset : Long.MAX_VALUE;
                    pump(client, target, limit, flipAt);
                    pump(target, client, Long.MAX_VALUE, -1);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "breaking-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A proxy that inverts the byte at {@code offset} of what each connection's client sends, its request head
     * included, and passes everything else as it is.
     */
    public static BreakingProxy flippingByteAt(int targetPort, long offset) {
        return new BreakingProxy(targetPort, Long.MAX_VALUE, offset);
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** How many bytes it has inverted. */
    public int flipped() {
        return flipped.get();
    }

    private void pump(Socket from, Socket to, long limit, long flipAt) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            long forwarded = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    if (flipAt >= forwarded && flipAt < forwarded + read) {
                        buffer[(int) (flipAt - forwarded)] ^= (byte) 0xff;
                        flipped.incrementAndGet();
                    }
                    int allowed = (int) Math.min(read, limit - forwarded);
                    out.write(buffer, 0, allowed);
                    forwarded += allowed;
                    if (forwarded >= limit) {
                        // An abortive close: the peers see a reset, not an orderly end.
                        from.setSoLinger(true, 0);
                        to.setSoLinger(true, 0);
                        from.close();
                        to.close();
                        return;
                    }
                }
            } catch (IOException ended) {
                // one side went away; the other pump ends too
            } finally {
                close(from);
                close(to);
            }
        }, "breaking-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        close(server);
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
