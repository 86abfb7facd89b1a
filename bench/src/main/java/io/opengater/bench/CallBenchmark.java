package io.opengater.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.UploadResult;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The Java side of {@code bench/call-benchmark.sh}: {@code createUpload} calls per second and their latency, in a
 * closed loop at each given concurrency, against a stub of {@code POST /uploads} (nginx responding with a fixed JSON body).
 *
 * <pre>
 * calls --base-url=http://127.0.0.1:P --client=blocking|reactive|raw|raw-blocking|rest-client|rest-client-blocking|
 *       rest-client-guarded|rest-client-guarded-blocking|jdk
 *       [--concurrency=1,64]
 *       [--warmup-seconds=5] [--seconds=15]
 * </pre>
 *
 * Clients:
 * <ul>
 * <li>{@code blocking}: the extension's {@link StorageClient} from {@code StorageClient.builder()...build()};
 * concurrency N = N platform threads, each calling {@code createUpload("image/png", "bench")} in a loop;</li>
 * <li>{@code reactive}: the extension's {@link ReactiveStorageClient} from {@code buildReactive()}; concurrency N = N
 * calls in flight, each subscribing to the next call when its response has come;</li>
 * <li>{@code raw}: the same request written out on a Vert.x {@link HttpClient} of the application's {@code Vertx}
 * (HTTP/1.1, keep-alive, a pool of at least 64 connections): the body serialized and the response parsed with Jackson
 * into a record, the status checked; driven like {@code reactive};</li>
 * <li>{@code raw-blocking}: the same raw client, driven like {@code blocking} (N platform threads each waiting for
 * its call): the cost of blocking threads on 2 vCPUs, without the extension;</li>
 * <li>{@code rest-client}: the Quarkus REST client alone ({@link BareStorageApi}, the response bound to a record by its
 * Jackson provider), driven like {@code reactive}: the layer the contract builds on, to tell its cost apart from the
 * extension's own;</li>
 * <li>{@code rest-client-blocking}: the same, driven like {@code blocking} (N platform threads each waiting on
 * {@code await().indefinitely()}, as the blocking facade does);</li>
 * <li>{@code rest-client-guarded} and {@code rest-client-guarded-blocking}: the same REST client inside a SmallRye Fault
 * Tolerance {@link Guard} with the strategies the extension builds from its default settings (a 30 s timeout, 2
 * retries 200 ms apart on unavailability, a circuit breaker of 20 requests at a failure ratio of 0.5), driven like
 * {@code reactive} and like {@code blocking}: what the contract's fault tolerance costs by itself;</li>
 * <li>{@code jdk}: the same request on the JDK's {@link java.net.http.HttpClient} (HTTP/1.1, its default pool and
 * executor), {@code sendAsync} driven like {@code reactive}: the other raw client the issue names.</li>
 * </ul>
 * For each concurrency: {@code warmup-seconds} of calls whose results are dropped, then {@code seconds} in which every
 * call that completes is counted and its latency (from the call to its result, in nanoseconds) goes into an
 * HdrHistogram; then the loops stop and the calls in flight are awaited. One {@code CALLS} line per concurrency.
 * Any failed call fails the run.
 */
final class CallBenchmark {

    static final String CONTENT_TYPE = "image/png";
    static final String PREFIX = "bench";
    static final String API_KEY = "bench-call-key";

    /** The raw client's request body, as the extension's {@code CreateUploadRequest}. */
    public record CreateUpload(@JsonProperty("content_type") String contentType, @JsonProperty("prefix") String prefix) {
    }

    /** The raw client's response. */
    public record UploadResponse(@JsonProperty("upload_url") String uploadUrl, @JsonProperty("key") String key,
            @JsonProperty("public_url") String publicUrl) {
    }

    /** One asynchronous call: reports its result or failure to {@code done}, on whatever thread. */
    interface AsyncCall {
        void call(BiConsumer<Object, Throwable> done);
    }

    /** One blocking call: returns its result or throws. */
    interface BlockingCall {
        Object call() throws Exception;
    }

    private CallBenchmark() {
    }

    static int run(Vertx vertx, String baseUrl, String client, int[] concurrencies, double warmupSeconds,
            double seconds) throws Exception {
        int maxConcurrency = 1;
        for (int c : concurrencies) {
            maxConcurrency = Math.max(maxConcurrency, c);
        }
        switch (client) {
            case "blocking":
                try (StorageClient storage = StorageClient.builder().baseUrl(baseUrl).apiKey(API_KEY).build()) {
                    for (int concurrency : concurrencies) {
                        measureBlocking(client, concurrency, warmupSeconds, seconds,
                                () -> storage.createUpload(CONTENT_TYPE, PREFIX));
                    }
                }
                return 0;
            case "reactive":
                try (ReactiveStorageClient storage = ReactiveStorageClient.builder().baseUrl(baseUrl).apiKey(API_KEY)
                        .buildReactive()) {
                    for (int concurrency : concurrencies) {
                        measureAsync(client, concurrency, warmupSeconds, seconds,
                                done -> storage.createUpload(CONTENT_TYPE, PREFIX).subscribe().with(
                                        result -> done.accept(result, null), failure -> done.accept(null, failure)));
                    }
                }
                return 0;
            case "raw":
            case "raw-blocking":
                RawClient raw = new RawClient(vertx, baseUrl, Math.max(64, maxConcurrency));
                try {
                    for (int concurrency : concurrencies) {
                        if ("raw".equals(client)) {
                            measureAsync(client, concurrency, warmupSeconds, seconds,
                                    done -> raw.createUpload(CONTENT_TYPE, PREFIX).onComplete(
                                            ar -> done.accept(ar.result(), ar.cause())));
                        } else {
                            measureBlocking(client, concurrency, warmupSeconds, seconds,
                                    () -> raw.createUpload(CONTENT_TYPE, PREFIX).toCompletionStage()
                                            .toCompletableFuture().get(30, TimeUnit.SECONDS));
                        }
                    }
                } finally {
                    raw.close();
                }
                return 0;
            case "rest-client":
            case "rest-client-blocking":
                BareStorageApi bare = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(baseUrl))
                        .build(BareStorageApi.class);
                try {
                    for (int concurrency : concurrencies) {
                        if ("rest-client".equals(client)) {
                            measureAsync(client, concurrency, warmupSeconds, seconds,
                                    done -> bare.createUpload(new CreateUpload(CONTENT_TYPE, PREFIX)).subscribe().with(
                                            result -> done.accept(result, null),
                                            failure -> done.accept(null, failure)));
                        } else {
                            measureBlocking(client, concurrency, warmupSeconds, seconds,
                                    () -> bare.createUpload(new CreateUpload(CONTENT_TYPE, PREFIX)).await()
                                            .indefinitely());
                        }
                    }
                } finally {
                    ((AutoCloseable) bare).close();
                }
                return 0;
            case "rest-client-guarded":
            case "rest-client-guarded-blocking":
                BareStorageApi guardedApi = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(baseUrl))
                        .build(BareStorageApi.class);
                Guard guard = defaultGuard();
                Supplier<Uni<UploadResponse>> guardedCall = () -> guard.get(
                        () -> guardedApi.createUpload(new CreateUpload(CONTENT_TYPE, PREFIX)), UNI_UPLOAD_RESPONSE);
                try {
                    for (int concurrency : concurrencies) {
                        if ("rest-client-guarded".equals(client)) {
                            measureAsync(client, concurrency, warmupSeconds, seconds,
                                    done -> guardedCall.get().subscribe().with(result -> done.accept(result, null),
                                            failure -> done.accept(null, failure)));
                        } else {
                            measureBlocking(client, concurrency, warmupSeconds, seconds,
                                    () -> guardedCall.get().await().indefinitely());
                        }
                    }
                } finally {
                    ((AutoCloseable) guardedApi).close();
                }
                return 0;
            case "jdk":
                JdkClient jdk = new JdkClient(baseUrl);
                for (int concurrency : concurrencies) {
                    measureAsync(client, concurrency, warmupSeconds, seconds,
                            done -> jdk.createUpload(CONTENT_TYPE, PREFIX).whenComplete(done));
                }
                return 0;
            default:
                System.err.println("unknown client " + client
                        + ": blocking, reactive, raw, raw-blocking, rest-client, rest-client-blocking,"
                        + " rest-client-guarded, rest-client-guarded-blocking or jdk");
                return 2;
        }
    }

    private static final TypeLiteral<Uni<UploadResponse>> UNI_UPLOAD_RESPONSE = new TypeLiteral<>() {
    };

    /** The strategies the extension's {@code CallGuard} builds from the default settings, without its telemetry. */
    private static Guard defaultGuard() {
        List<Class<? extends Throwable>> unavailable = List.of(TimeoutException.class, IOException.class);
        return Guard.create()
                .withDescription("bench")
                .withThreadOffload(false)
                .withTimeout().duration(30, ChronoUnit.SECONDS).done()
                .withRetry().maxRetries(2).delay(200, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .retryOn(unavailable).done()
                .withCircuitBreaker().failOn(unavailable).requestVolumeThreshold(20).failureRatio(0.5)
                .delay(5, ChronoUnit.SECONDS).done()
                .build();
    }

    /** What one measurement shares with its loops. */
    private static final class Run {
        final Recorder latencies = new Recorder(3);
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<Throwable> firstError = new AtomicReference<>();
        volatile boolean stop;
        volatile ProcessCost cost;

        void completed(long startNanos, Object result, Throwable failure) {
            long latency = System.nanoTime() - startNanos;
            if (failure == null && !(result instanceof UploadResult || result instanceof UploadResponse)) {
                failure = new IllegalStateException("unexpected result " + result);
            }
            if (failure != null) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, failure);
                stop = true;
                return;
            }
            latencies.recordValue(latency);
        }
    }

    private static void measureBlocking(String client, int concurrency, double warmupSeconds, double seconds,
            BlockingCall call) throws Exception {
        Run run = new Run();
        List<Thread> threads = new ArrayList<>(concurrency);
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(() -> {
                while (!run.stop) {
                    long start = System.nanoTime();
                    Object result = null;
                    Throwable failure = null;
                    try {
                        result = call.call();
                    } catch (Throwable t) {
                        failure = t;
                    }
                    run.completed(start, result, failure);
                }
            }, "bench-caller-" + i);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        Histogram window = timeWindows(run, warmupSeconds, seconds);
        long windowNanos = window.getEndTimeStamp();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        report(client, concurrency, run, window, windowNanos);
    }

    private static void measureAsync(String client, int concurrency, double warmupSeconds, double seconds,
            AsyncCall call) throws Exception {
        Run run = new Run();
        CountDownLatch stopped = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            loop(run, call, stopped);
        }
        Histogram window = timeWindows(run, warmupSeconds, seconds);
        long windowNanos = window.getEndTimeStamp();
        if (!stopped.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(stopped.getCount() + " calls still in flight 60 s after the window");
        }
        report(client, concurrency, run, window, windowNanos);
    }

    /** One call in flight: when it completes, the next one starts, until the run stops. */
    private static void loop(Run run, AsyncCall call, CountDownLatch stopped) {
        if (run.stop) {
            stopped.countDown();
            return;
        }
        long start = System.nanoTime();
        try {
            call.call((result, failure) -> {
                run.completed(start, result, failure);
                loop(run, call, stopped);
            });
        } catch (Throwable t) {
            run.completed(start, null, t);
            stopped.countDown();
        }
    }

    /**
     * Sleeps through the warm-up, drops what it recorded, sleeps through the timed window and returns what completed
     * in it, with the window's length in nanoseconds as the histogram's end time stamp; then stops the loops.
     */
    private static Histogram timeWindows(Run run, double warmupSeconds, double seconds) throws InterruptedException {
        sleepSeconds(warmupSeconds);
        run.latencies.getIntervalHistogram(); // drops the warm-up's calls
        ProcessCost before = ProcessCost.now();
        long start = System.nanoTime();
        sleepSeconds(seconds);
        Histogram window = run.latencies.getIntervalHistogram();
        long end = System.nanoTime();
        run.cost = ProcessCost.now().minus(before);
        run.stop = true;
        window.setEndTimeStamp(end - start);
        return window;
    }

    private static void sleepSeconds(double seconds) throws InterruptedException {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void report(String client, int concurrency, Run run, Histogram window, long windowNanos) {
        if (run.errors.get() > 0) {
            System.err.println(client + " at concurrency " + concurrency + ": " + run.errors.get()
                    + " failed calls; the first:");
            run.firstError.get().printStackTrace();
            throw new IllegalStateException(client + ": failed calls");
        }
        double windowSeconds = windowNanos / 1e9;
        double calls = Math.max(1, window.getTotalCount());
        System.out.printf(Locale.ROOT,
                "CALLS client=%s concurrency=%d calls=%d seconds=%.3f calls_per_s=%.1f p50_us=%.1f p99_us=%.1f"
                        + " p999_us=%.1f max_us=%.1f mean_us=%.1f cpu_us_per_call=%.2f alloc_bytes_per_call=%.0f"
                        + " switches_per_call=%.3f%n",
                client, concurrency, window.getTotalCount(), windowSeconds, window.getTotalCount() / windowSeconds,
                window.getValueAtPercentile(50) / 1e3, window.getValueAtPercentile(99) / 1e3,
                window.getValueAtPercentile(99.9) / 1e3, window.getMaxValue() / 1e3, window.getMean() / 1e3,
                run.cost.cpuNanos() / 1e3 / calls, run.cost.allocatedBytes() / calls,
                run.cost.contextSwitches() < 0 ? Double.NaN : run.cost.contextSwitches() / calls);
        System.out.flush();
    }

    /** What the raw clients check of a response: a 2xx whose JSON has the three fields. */
    static UploadResponse uploadResponse(ObjectMapper json, int status, byte[] body) {
        if (status / 100 != 2) {
            throw new IllegalStateException("HTTP " + status + ": " + new String(body, StandardCharsets.UTF_8));
        }
        try {
            UploadResponse parsed = json.readValue(body, UploadResponse.class);
            if (parsed.uploadUrl() == null || parsed.key() == null || parsed.publicUrl() == null) {
                throw new IllegalStateException("incomplete answer " + new String(body, StandardCharsets.UTF_8));
            }
            return parsed;
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    /**
     * {@code POST /uploads} written out on a Vert.x {@link HttpClient}: the extension's request (headers
     * {@code X-API-Key}, {@code Content-Type: application/json}, {@code Accept: application/json}, the body serialized
     * by Jackson for each call) and its response parsed by Jackson into a record, without the extension's argument
     * checks, error mapping, retries, timeout, circuit breaker and REST client layers.
     */
    static final class RawClient {

        private final ObjectMapper json = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        private final HttpClient http;
        private final String host;
        private final int port;
        private final String path;

        RawClient(Vertx vertx, String baseUrl, int poolSize) {
            URI base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
            this.host = base.getHost();
            this.port = base.getPort() < 0 ? 80 : base.getPort();
            this.path = base.getRawPath() + "uploads";
            this.http = vertx.createHttpClient(new HttpClientOptions()
                    .setProtocolVersion(HttpVersion.HTTP_1_1)
                    .setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(poolSize));
        }

        Future<UploadResponse> createUpload(String contentType, String prefix) {
            Buffer body;
            try {
                body = Buffer.buffer(json.writeValueAsBytes(new CreateUpload(contentType, prefix)));
            } catch (Exception e) {
                return Future.failedFuture(e);
            }
            RequestOptions request = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost(host)
                    .setPort(port)
                    .setURI(path)
                    .putHeader("X-API-Key", API_KEY)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Accept", "application/json");
            // The body is read in a compose on the send's own future, as the Vert.x manual does: composed one level
            // out, the response may have ended before the body handler is set, and it reads as empty.
            return http.request(request).compose(req -> req.send(body).compose(response -> response.body()
                    .map(received -> uploadResponse(json, response.statusCode(), received.getBytes()))));
        }

        void close() throws Exception {
            http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code POST /uploads} written out on the JDK's {@link java.net.http.HttpClient}, pinned to HTTP/1.1 (no h2c
     * upgrade), with the same headers and Jackson binding as {@link RawClient}.
     */
    static final class JdkClient {

        private final ObjectMapper json = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        private final URI uploads;

        JdkClient(String baseUrl) {
            this.uploads = URI.create((baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + "uploads");
        }

        CompletableFuture<UploadResponse> createUpload(String contentType, String prefix) {
            byte[] body;
            try {
                body = json.writeValueAsBytes(new CreateUpload(contentType, prefix));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            HttpRequest request = HttpRequest.newBuilder(uploads)
                    .header("X-API-Key", API_KEY)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(response -> uploadResponse(json, response.statusCode(), response.body()));
        }
    }
}
