package io.opengater.storage.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A host on loopback that responds to its first request with the given status and a chunked body that never ends: the
 * given start, then x's, until the client closes the connection; it counts the bytes it could send.
 */
public final class EndlessResponse implements AutoCloseable {

    private final byte[] head;
    private final byte[] start;
    private final ServerSocket server;
    private final CompletableFuture<Long> sent = new CompletableFuture<>();

    public EndlessResponse(int status) throws IOException {
        this(status, status < 300 ? "application/json" : "text/html", "");
    }

    public EndlessResponse(int status, String contentType, String start) throws IOException {
        head = ("HTTP/1.1 " + status + " Whatever\r\nContent-Type: " + contentType
                + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.start = start.getBytes(StandardCharsets.UTF_8);
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::respond, "endless-response");
        thread.setDaemon(true);
        thread.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The bytes of the body it sent before the client went away. */
    public long awaitSent() throws Exception {
        return sent.get(30, TimeUnit.SECONDS);
    }

    private void respond() {
        long count = 0;
        try (Socket socket = server.accept()) {
            readRequest(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(head);
            if (start.length > 0) {
                out.write((Integer.toHexString(start.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(start);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                count += start.length;
            }
            byte[] data = new byte[64 * 1024];
            Arrays.fill(data, (byte) 'x');
            byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
            while (true) {
                out.write(size);
                out.write(data);
                out.write(end);
                count += data.length;
            }
        } catch (IOException closedByTheClient) {
            sent.complete(count);
        }
    }

    /** Reads the head and the {@code Content-Length} bytes of the body. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request ended early");
            }
            head.append((char) b);
        }
        long length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes((int) length);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
