package io.opengater.storage.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code tinyproxy} as a process of its own, in the foreground ({@code -d}), on a free loopback port, with
 * Basic authentication for one user: an HTTP forward proxy that serves plain {@code http} requests and {@code CONNECT}
 * tunnels to any port, and logs the request line of each in a log file of its own. Without {@code tinyproxy} the tests
 * that need it are skipped, unless {@code -Dci.provides} names it: then they fail.
 */
public final class TinyproxyProcess implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/bin/tinyproxy");
    private static final Pattern REQUEST = Pattern.compile("Request \\(file descriptor \\d+\\): (.*)$");

    private final Process process;
    private final int port;
    private final Path log;
    private volatile int forgotten;

    private TinyproxyProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** True when tinyproxy is not installed and CI does not say it provides it: the tests are then skipped. */
    public static boolean unavailable() {
        return !Files.isExecutable(EXECUTABLE) && !System.getProperty("ci.provides", "").contains("tinyproxy");
    }

    /** True when tinyproxy is installed, or CI says it provides it (then a missing one fails the tests). */
    public static boolean available() {
        return !unavailable();
    }

    /**
     * @param user the one user the proxy lets through
     * @param password that user's password
     */
    public static TinyproxyProcess start(String user, String password) {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " is missing, which CI provides (-Dci.provides): install"
                    + " Debian's tinyproxy");
        }
        try {
            Path directory = Files.createTempDirectory("tinyproxy-");
            int port = freePort();
            Path log = directory.resolve("tinyproxy.log");
            Path config = directory.resolve("tinyproxy.conf");
            // No ConnectPort line: CONNECT to every port, as the test hosts listen on random ones. LogLevel Connect
            // logs the request line of every request and tunnel, and little else.
            Files.writeString(config, String.join("\n",
                    "Listen 127.0.0.1",
                    "Port " + port,
                    "Timeout 60",
                    "MaxClients 50",
                    "Allow 127.0.0.1",
                    "LogFile \"" + log + "\"",
                    "LogLevel Connect",
                    "BasicAuth " + user + " " + password,
                    ""));
            Process process = new ProcessBuilder(EXECUTABLE.toString(), "-d", "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("tinyproxy.out").toFile()).start();
            TinyproxyProcess tinyproxy = new TinyproxyProcess(process, port, log);
            tinyproxy.awaitListening(Duration.ofSeconds(20), directory);
            return tinyproxy;
        } catch (IOException e) {
            throw new UncheckedIOException("tinyproxy did not start", e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * The request line of every request and tunnel the proxy was asked for since it started, or since
     * {@link #forgetRequests()}, in their order: {@code POST http://127.0.0.1:41234/storage/uploads HTTP/1.1},
     * {@code CONNECT localhost:43210 HTTP/1.1}.
     */
    public List<String> requests() {
        List<String> all = allRequests();
        return all.subList(Math.min(forgotten, all.size()), all.size());
    }

    /** Leaves the requests so far out of {@link #requests()}, as a test's first step. */
    public void forgetRequests() {
        forgotten = allRequests().size();
    }

    private List<String> allRequests() {
        try {
            return Files.readAllLines(log).stream().map(REQUEST::matcher).filter(Matcher::find)
                    .map(request -> request.group(1).strip()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request lines that mention {@code text}, such as a host's port. */
    public List<String> requestsMentioning(String text) {
        return requests().stream().filter(line -> line.contains(text)).toList();
    }

    private void awaitListening(Duration patience, Path directory) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("tinyproxy exited: " + output(directory));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        close();
        throw new IllegalStateException("tinyproxy did not listen in " + patience + ": " + output(directory));
    }

    private static String output(Path directory) throws IOException {
        Path out = directory.resolve("tinyproxy.out");
        Path log = directory.resolve("tinyproxy.log");
        return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
