package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientBuilder;
import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageUnavailableException;
import io.opengater.storage.client.UploadResult;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorage.ReceivedRequest;
import io.opengater.storage.testing.FakeStorageResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * 1,000 concurrent {@code createUpload} calls against the embedded storage, a 503 for 10 % of them: every call ends
 * in a result or a typed exception, the storage saw exactly the requests it should (none lost, none sent twice), and
 * afterwards no thread and no connection is left over. Each call has its own prefix, so that its requests can be told
 * apart. The p50 and p99 latencies are printed, not asserted.
 */
@QuarkusTest
@WithTestResource(value = FakeStorageResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "clients", value = "media,documents"))
class LoadTest {

    static final int CALLS = 1_000;
    static final int FAILURES = CALLS / 10;

    @Inject
    FakeStorage fake;

    @ConfigProperty(name = "quarkus.opengater-storage.base-url")
    String baseUrl;

    @ConfigProperty(name = "quarkus.opengater-storage.api-key")
    String apiKey;

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void reactiveWithoutRetriesEveryCallEndsOnceAndTyped() {
        try (ReactiveStorageClient client = builder(0).buildReactive()) {
            warmUp(client);
            fake.failNext("/uploads", 503, FAILURES);

            Outcomes outcomes = reactive(client);

            assertEquals(CALLS - FAILURES, outcomes.successes(), outcomes.toString());
            assertEquals(FAILURES, outcomes.failures(StorageUnavailableException.class, 503), outcomes.toString());
            assertEquals(Collections.nCopies(CALLS, 1), requestsPerCall(), "requests per call");
        }
    }

    @Test
    void reactiveWithRetriesEveryCallSucceeds() {
        try (ReactiveStorageClient client = builder(2).buildReactive()) {
            warmUp(client);
            fake.failNext("/uploads", 503, FAILURES);

            Outcomes outcomes = reactive(client);

            assertEquals(CALLS, outcomes.successes(), outcomes.toString());
            assertEquals(CALLS + FAILURES, fake.requests("/uploads").size());
            assertTrue(requestsPerCall().stream().allMatch(count -> count >= 1 && count <= 3));
        }
    }

    @Test
    void blockingFromAThousandThreadsEveryCallEndsOnceAndTyped() throws Exception {
        Set<Thread> threadsBefore = liveThreads();
        int connectionsBefore = openConnections(port());
        List<Thread> threads = new ArrayList<>();
        try (StorageClient client = builder(0).build()) {
            client.createUpload("image/png", "warm-up");
            fake.reset();
            fake.failNext("/uploads", 503, FAILURES);

            Outcomes outcomes = new Outcomes();
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < CALLS; i++) {
                String prefix = "load/" + i;
                Thread thread = new Thread(() -> {
                    await(start);
                    long began = System.nanoTime();
                    try {
                        UploadResult result = client.createUpload("image/png", prefix);
                        outcomes.success(prefix, result, System.nanoTime() - began);
                    } catch (RuntimeException failure) {
                        outcomes.failure(prefix, failure, System.nanoTime() - began);
                    }
                }, "load-" + i);
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
            outcomes.print("blocking, 1,000 threads");

            assertEquals(CALLS - FAILURES, outcomes.successes(), outcomes.toString());
            assertEquals(FAILURES, outcomes.failures(StorageUnavailableException.class, 503), outcomes.toString());
            assertEquals(Collections.nCopies(CALLS, 1), requestsPerCall(), "requests per call");
            assertTrue(openConnections(port()) - connectionsBefore <= POOL_SIZE,
                    "connections: " + openConnections(port()) + ", before: " + connectionsBefore);
        }
        // The 1,000 threads were ours and have ended; the only new threads are pools that start threads as they like:
        // the application's (Vert.x's event loops, Quarkus's executor) and the JDK HttpClient's of this test's own
        // FakeStorage handle.
        assertTrue(awaitAtMost(() -> (int) threads.stream().filter(Thread::isAlive).count(), 0), "callers still alive");
        List<String> added = liveThreads().stream().filter(thread -> !threadsBefore.contains(thread))
                .map(Thread::getName).sorted().toList();
        assertTrue(added.stream().allMatch(name -> name.startsWith("vert.x-") || name.startsWith("executor-thread-")
                || name.startsWith("HttpClient-")), "threads left behind: " + added);
    }

    @Test
    void connectionsAreReusedNotLeaked() {
        // the application's injected clients may hold connections to the same storage: count ours on top of them
        int before = openConnections(port());
        try (ReactiveStorageClient client = builder(0).buildReactive()) {
            warmUp(client);
            for (int round = 0; round < 3; round++) {
                Outcomes outcomes = reactive(client);
                assertEquals(CALLS, outcomes.successes(), "round " + round + ": " + outcomes);
                int open = openConnections(port()) - before;
                assertTrue(open <= POOL_SIZE, "round " + round + ": " + open + " connections to the storage");
            }
            // the storage's side: 3,000 calls came over at most the pool's connections, so they were reused
            Set<Integer> connections = fake.requests("/uploads").stream().map(ReceivedRequest::clientPort)
                    .collect(Collectors.toSet());
            assertEquals(3 * CALLS, fake.requests("/uploads").size());
            assertTrue(connections.size() <= POOL_SIZE + 1, connections.size() + " connections for 3,000 calls");
        }
        assertTrue(awaitConnectionsAtMost(before), "connections after close: " + openConnections(port())
                + ", before: " + before);
    }

    /** The REST client's connection pool, per client: Quarkus's default. */
    static final int POOL_SIZE = 50;

    private StorageClientBuilder builder(int maxRetries) {
        // No breaker: 100 failures in a row must reach the calls, not open it.
        return StorageClient.builder().baseUrl(baseUrl).apiKey(apiKey).maxRetries(maxRetries)
                .retryDelay(Duration.ofMillis(10)).circuitBreakerEnabled(false).timeout(Duration.ofSeconds(20));
    }

    private void warmUp(ReactiveStorageClient client) {
        client.createUpload("image/png", "warm-up").await().atMost(Duration.ofSeconds(10));
        fake.reset();
    }

    private Outcomes reactive(ReactiveStorageClient client) {
        Outcomes outcomes = new Outcomes();
        List<Uni<Void>> calls = new ArrayList<>(CALLS);
        for (int i = 0; i < CALLS; i++) {
            String prefix = "load/" + i;
            calls.add(Uni.createFrom().deferred(() -> {
                long began = System.nanoTime();
                return client.createUpload("image/png", prefix)
                        .onItemOrFailure().invoke((result, failure) -> {
                            if (failure == null) {
                                outcomes.success(prefix, result, System.nanoTime() - began);
                            } else {
                                outcomes.failure(prefix, failure, System.nanoTime() - began);
                            }
                        })
                        .onFailure().recoverWithNull().replaceWithVoid();
            }));
        }
        Uni.join().all(calls).andCollectFailures().await().atMost(Duration.ofSeconds(60));
        outcomes.print("reactive, 1,000 in flight");
        return outcomes;
    }

    /** How many requests reached the storage for each call, in call order. */
    private List<Integer> requestsPerCall() {
        Map<String, Long> byPrefix = fake.requests("/uploads").stream()
                .collect(Collectors.groupingBy(request -> new JsonObject(request.body())
                        .getString("prefix"), Collectors.counting()));
        List<Integer> counts = new ArrayList<>(CALLS);
        for (int i = 0; i < CALLS; i++) {
            counts.add(byPrefix.getOrDefault("load/" + i, 0L).intValue());
        }
        return counts;
    }

    private int port() {
        return URI.create(baseUrl).getPort();
    }

    /** Established TCP connections from this process to {@code port} on the loopback, from {@code /proc/net/tcp}. */
    static int openConnections(int port) {
        String remote = String.format(Locale.ROOT, "0100007F:%04X", port);
        try {
            return (int) Files.readAllLines(Path.of("/proc/net/tcp")).stream().skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    // local address, remote address, state 01 = ESTABLISHED
                    .filter(fields -> fields[2].equals(remote) && fields[3].equals("01"))
                    .count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/net/tcp", e);
        }
    }

    private boolean awaitConnectionsAtMost(int most) {
        int port = port();
        return awaitAtMost(() -> openConnections(port), most);
    }

    private static boolean awaitAtMost(IntSupplier value, int most) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (value.getAsInt() > most) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Every live thread of the JVM, whatever its group. */
    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the calls ended with, by prefix: each call must end exactly once. */
    static final class Outcomes {
        private final Map<String, Object> ends = new ConcurrentHashMap<>();
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger endedTwice = new AtomicInteger();

        void success(String prefix, UploadResult result, long nanos) {
            end(prefix, result, nanos);
        }

        void failure(String prefix, Throwable failure, long nanos) {
            end(prefix, failure, nanos);
        }

        private void end(String prefix, Object outcome, long nanos) {
            if (ends.putIfAbsent(prefix, outcome) != null) {
                endedTwice.incrementAndGet();
            }
            latencies.add(nanos);
        }

        long successes() {
            check();
            return ends.values().stream().filter(UploadResult.class::isInstance).map(UploadResult.class::cast)
                    .filter(result -> result.key() != null && result.uploadUrl() != null && result.publicUrl() != null)
                    .count();
        }

        long failures(Class<? extends StorageException> type, Integer status) {
            check();
            List<Object> failures = ends.values().stream().filter(Throwable.class::isInstance).toList();
            // no other kind of exception, ever
            assertTrue(failures.stream().allMatch(type::isInstance), () -> "untyped failures: " + failures);
            return failures.stream().map(type::cast).filter(failure -> status.equals(failure.statusCode())).count();
        }

        private void check() {
            assertEquals(CALLS, ends.size(), "calls that ended");
            assertEquals(0, endedTwice.get(), "calls that ended twice");
        }

        void print(String what) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            Function<Double, Double> percentile = p -> sorted.isEmpty() ? 0
                    : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
            System.out.printf(Locale.ROOT, "LOAD %s: %d calls, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what,
                    sorted.size(), percentile.apply(0.50), percentile.apply(0.99),
                    sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        }

        @Override
        public String toString() {
            return ends.values().stream().collect(Collectors.groupingBy(
                    outcome -> outcome instanceof StorageException failure
                            ? failure.getClass().getSimpleName() + " " + failure.statusCode()
                            : outcome.getClass().getSimpleName(),
                    Collectors.counting())).toString();
        }
    }
}
