package io.opengater.storage.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3Proxy ({@code org.gaul:s3proxy}, copied to {@code target/s3proxy} by the build) as a process of its own on a free
 * loopback port, with an in-memory store and SigV4 authentication: a real S3 API that checks presigned URLs.
 */
public final class S3ProxyProcess implements AutoCloseable {

    static final String IDENTITY = "local-identity";
    static final String CREDENTIAL = "local-credential";
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
            .create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL));
    private static final S3Configuration PATH_STYLE = S3Configuration.builder().pathStyleAccessEnabled(true).build();

    private final Process process;
    private final int port;

    private S3ProxyProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static S3ProxyProcess start() {
        try {
            int port = freePort();
            Path config = Files.createTempFile("s3proxy-", ".conf");
            Files.writeString(config, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + IDENTITY,
                    "s3proxy.credential=" + CREDENTIAL,
                    "jclouds.provider=transient",
                    "jclouds.identity=remote-identity",
                    "jclouds.credential=remote-credential"));
            Path log = Files.createTempFile("s3proxy-", ".log");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", Path.of("target", "s3proxy", "s3proxy.jar").toString(),
                    "--properties", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            S3ProxyProcess s3proxy = new S3ProxyProcess(process, port);
            s3proxy.awaitListening(Duration.ofSeconds(60), log);
            return s3proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("S3Proxy did not start", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** An S3 client of this S3Proxy: path-style, and without the SDK's newer checksum headers, which it lacks. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).serviceConfiguration(PATH_STYLE)
                .httpClient(Apache5HttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    /** A presigner of URLs for this S3Proxy. */
    public S3Presigner presigner() {
        return presigner(endpoint());
    }

    /**
     * A presigner of URLs for this S3Proxy reached through another address, such as a proxy's on loopback: the
     * signature covers the {@code Host} the client then sends, which S3Proxy checks.
     */
    public S3Presigner presigner(String via) {
        return S3Presigner.builder().endpointOverride(URI.create(via)).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).serviceConfiguration(PATH_STYLE).build();
    }

    public int port() {
        return port;
    }

    private void awaitListening(Duration patience, Path log) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        close();
        throw new IllegalStateException("S3Proxy did not listen in " + patience + ": " + Files.readString(log));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
