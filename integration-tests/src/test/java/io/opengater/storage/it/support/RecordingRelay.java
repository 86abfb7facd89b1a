package io.opengater.storage.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP relay on a loopback port to another loopback port that keeps every byte its clients sent, so that a test can
 * see what a proxy behind it received on the wire: the {@code CONNECT} in clear, and then only what TLS made of the
 * rest.
 */
public final class RecordingRelay implements AutoCloseable {

    private final ServerSocket server;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    public RecordingRelay(int targetPort) {
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
                    pump(client, target, true);
                    pump(target, client, false);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "recording-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Everything the clients sent so far, read as ISO-8859-1 so that every byte is one character. */
    public String sent() {
        synchronized (sent) {
            return sent.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Forgets what was sent. */
    public void reset() {
        synchronized (sent) {
            sent.reset();
        }
    }

    private void pump(Socket from, Socket to, boolean record) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    if (record) {
                        synchronized (sent) {
                            sent.write(buffer, 0, read);
                        }
                    }
                    out.write(buffer, 0, read);
                }
            } catch (IOException closed) {
                // either side closed: the other one is closed with it
            } finally {
                close(from);
                close(to);
            }
        }, "recording-relay-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
