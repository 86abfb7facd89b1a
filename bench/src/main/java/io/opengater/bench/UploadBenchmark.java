package io.opengater.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.UploadChecksum;
import io.opengater.storage.client.UploadResult;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.vertx.core.Vertx;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PutObjectPresignRequest;

/**
 * The Java side of {@code bench/upload-benchmark.sh} and {@code bench/call-benchmark.sh}. Four commands:
 *
 * <pre>
 * upload  --file=F --content-type=T --target=nginx --put-base=http://127.0.0.1:P/put --stored-dir=D [--warmup-runs=1 --runs=1] [--checksum=md5|none]
 * upload  --file=F --content-type=T --stored-dir=D --target=s3 --endpoint=http://127.0.0.1:P --bucket=B --access-key=A --secret-key=S [--checksum=md5|none]
 * presign --key=K --content-type=T --endpoint=... --bucket=... --access-key=... --secret-key=...
 * raw-put --url=U --file=F --content-type=T --mode=asyncfile|sendfile [--read-buffer=BYTES] [--write-queue=BYTES] [--repeat=N]
 * calls   --base-url=http://127.0.0.1:P --client=blocking|reactive|raw|raw-blocking [--concurrency=1,64] [--warmup-seconds=5] [--seconds=15]
 * </pre>
 *
 * {@code upload} starts a stand-in of opengater-storage on a free loopback port (it responds to {@code POST /uploads}
 * with an upload URL on the target: a plain {@code /put/<key>} URL for nginx, a SigV4 presigned PUT for S3Proxy),
 * builds a client for it with {@link StorageClient#builder()}, uploads the file {@code warmup-runs} times untimed (a
 * running service has made calls before), and then times {@code upload(Path, ..)} of the file {@code runs} times,
 * printing a {@code RESULT} line for each. {@code --checksum} is the client's {@code upload.checksum} (default
 * {@code md5}, the extension's): with {@code md5} each timing includes reading the file for its MD5. {@code presign} prints a presigned URL for curl. {@code raw-put} is the diagnosis of
 * {@link RawPut}. {@code calls} is the call benchmark of {@code bench/call-benchmark.sh}, in {@link CallBenchmark}.
 */
@QuarkusMain
public class UploadBenchmark implements QuarkusApplication {

    private static final String API_KEY = "bench-" + UUID.randomUUID();

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    Vertx vertx;

    @Override
    public int run(String... args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: upload|presign|raw-put|calls --name=value ...");
            return 2;
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "presign":
                System.out.println(presign(options, require(options, "key"), require(options, "content-type")));
                return 0;
            case "upload":
                return upload(options);
            case "raw-put":
                RawPut.run(vertx, require(options, "url"), Path.of(require(options, "file")),
                        require(options, "content-type"), options.getOrDefault("mode", "asyncfile"),
                        Integer.parseInt(options.getOrDefault("read-buffer", "8192")),
                        Integer.parseInt(options.getOrDefault("write-queue", "0")),
                        Integer.parseInt(options.getOrDefault("repeat", "1")));
                return 0;
            case "calls":
                return CallBenchmark.run(vertx, require(options, "base-url"), require(options, "client"),
                        Arrays.stream(options.getOrDefault("concurrency", "1,64").split(","))
                                .mapToInt(Integer::parseInt).toArray(),
                        Double.parseDouble(options.getOrDefault("warmup-seconds", "5")),
                        Double.parseDouble(options.getOrDefault("seconds", "15")));
            default:
                System.err.println("unknown command " + args[0]);
                return 2;
        }
    }

    private int upload(Map<String, String> options) throws IOException {
        Path file = Path.of(require(options, "file"));
        String contentType = require(options, "content-type");
        String target = require(options, "target");
        UploadChecksum checksum = UploadChecksum.valueOf(options.getOrDefault("checksum", "md5")
                .toUpperCase(Locale.ROOT));
        long size = Files.size(file);
        AtomicLong respondedAt = new AtomicLong();

        HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/uploads", exchange -> {
            try {
                createUpload(exchange, options, target);
                respondedAt.set(System.nanoTime());
            } finally {
                exchange.close();
            }
        });
        service.start();
        String baseUrl = "http://127.0.0.1:" + service.getAddress().getPort();
        try (StorageClient client = StorageClient.builder()
                .baseUrl(baseUrl)
                .apiKey(API_KEY)
                .maxRetries(0) // a failed PUT must show as a failure, not as a slower run
                .uploadTimeout(Duration.ofMinutes(10))
                .uploadChecksum(checksum)
                .build()) {
            // A service that uploads has made calls before: the first upload of the file warms the JIT and is not
            // timed. Each stored object is checked for its size and deleted before the next run, so that every run
            // writes into an equally empty tmpfs; the script compares the last one byte for byte.
            Path storedDir = Path.of(require(options, "stored-dir"));
            int warmupRuns = Integer.parseInt(options.getOrDefault("warmup-runs", "1"));
            int runs = Integer.parseInt(options.getOrDefault("runs", "1"));
            for (int run = 1 - warmupRuns; run <= runs; run++) {
                long start = System.nanoTime();
                UploadResult result = client.upload(file, contentType, "bench");
                long end = System.nanoTime();
                Path stored = storedDir.resolve(result.key());
                if (Files.size(stored) != size) {
                    throw new IllegalStateException(stored + " holds " + Files.size(stored) + " bytes, not " + size);
                }
                if (run < runs) {
                    Files.delete(stored);
                }
                if (run < 1) {
                    continue;
                }
                double seconds = (end - start) / 1e9;
                double putSeconds = (end - respondedAt.get()) / 1e9;
                System.out.printf(Locale.ROOT,
                        "RESULT tool=extension target=%s checksum=%s run=%d bytes=%d seconds=%.3f"
                                + " put_seconds=%.3f mib_per_s=%.1f max_heap_mib=%d peak_heap_used_mib=%.1f key=%s%n",
                        target, checksum.name().toLowerCase(Locale.ROOT), run, size, seconds, putSeconds,
                        size / 1048576.0 / seconds,
                        Runtime.getRuntime().maxMemory() / 1048576, peakHeapUsed() / 1048576.0, result.key());
            }
        } finally {
            service.stop(0);
        }
        return 0;
    }

    /** The stand-in of {@code POST /uploads}: checks the key, responds with a URL on the target. */
    private void createUpload(HttpExchange exchange, Map<String, String> options, String target) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())
                || !API_KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
            exchange.sendResponseHeaders(403, -1);
            return;
        }
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            request = json.readTree(in);
        }
        String contentType = request.path("content_type").asText();
        String prefix = request.path("prefix").asText("");
        String key = (prefix.isEmpty() ? "" : prefix + "/") + UUID.randomUUID() + ".bin";
        String uploadUrl;
        String publicUrl;
        switch (target) {
            case "nginx":
                uploadUrl = require(options, "put-base") + "/" + key;
                publicUrl = uploadUrl;
                break;
            case "s3":
                uploadUrl = presign(options, key, contentType);
                publicUrl = require(options, "endpoint") + "/" + require(options, "bucket") + "/" + key;
                break;
            default:
                throw new IllegalArgumentException("unknown target " + target);
        }
        byte[] body = json.writeValueAsBytes(Map.of("upload_url", uploadUrl, "key", key, "public_url", publicUrl));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, body.length);
        exchange.getResponseBody().write(body);
    }

    /** A SigV4 presigned PUT, path-style, us-east-1, with the Content-Type signed. */
    private static String presign(Map<String, String> options, String key, String contentType) {
        try (S3Presigner presigner = S3Presigner.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(require(options, "endpoint")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(require(options, "access-key"), require(options, "secret-key"))))
                .build()) {
            return presigner.presignPutObject(PutObjectPresignRequest.builder()
                    .signatureDuration(Duration.ofMinutes(30))
                    .putObjectRequest(PutObjectRequest.builder()
                            .bucket(require(options, "bucket"))
                            .key(key)
                            .contentType(contentType)
                            .build())
                    .build()).url().toString();
        }
    }

    /** The sum of the peaks of the heap's memory pools since the JVM started. */
    private static long peakHeapUsed() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing --" + name + "=...");
        }
        return value;
    }
}
