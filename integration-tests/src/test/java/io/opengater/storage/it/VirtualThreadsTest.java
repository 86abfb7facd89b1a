package io.opengater.storage.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.testing.FakeStorage;
import io.opengater.storage.testing.FakeStorage.ReceivedRequest;
import io.opengater.storage.testing.FakeStorageResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.virtual.ShouldNotPin;
import io.quarkus.test.junit.virtual.VirtualThreadUnit;
import io.vertx.core.json.JsonObject;

/**
 * The blocking {@link StorageClient} on virtual threads (Java 21+): {@value #CALLS} concurrent requests to
 * {@code VirtualThreadResource}, an {@code @RunOnVirtualThread} endpoint that asks for an upload, uploads bytes and
 * deletes them against the embedded fake storage. It proves that
 * <ul>
 * <li>every call succeeds with the values of its own request, and the storage received each upload and delete;</li>
 * <li>every call ran on a virtual thread, not on a worker thread;</li>
 * <li>no carrier thread was pinned meanwhile: {@link ShouldNotPin} fails the test on any JFR
 * {@code jdk.VirtualThreadPinned} event, which the JDK records when a virtual thread blocks but cannot unmount
 * (its recording sets no threshold: events of a quarter of a millisecond count);</li>
 * <li>no thread is left behind: every thread the endpoint ran on has ended, and every platform thread alive after
 * the round, of any thread group (one started from a virtual thread is in the group {@code VirtualThreads}), was
 * already alive before it, after a warm-up round of the same size.</li>
 * </ul>
 * The warm-up runs before the recording: the first calls load and initialize classes on virtual threads, and a
 * virtual thread that waits for a class another thread is loading or initializing cannot unmount on JDK 25, which
 * pins its carrier for a few milliseconds, once.
 * <p>
 * Disabled on Java 17, which has no virtual threads: there the application is built without the endpoint.
 */
@QuarkusTest
@WithTestResource(value = FakeStorageResource.class, scope = TestResourceScope.MATCHING_RESOURCES, initArgs = @ResourceArg(name = "clients", value = "media,documents"))
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21 or newer, and the"
        + " @RunOnVirtualThread endpoint is only built there (the java21 profile)")
@VirtualThreadUnit
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the warm-up (@BeforeAll) uses the injected endpoint
class VirtualThreadsTest {

    static final int CALLS = 300;
    /** The test's own callers: far fewer than the calls, so that requests queue up as under load. */
    static final int CALLERS = 32;
    /** A bound, not a measure: how long a round, or the end of the threads, may take on a busy 2-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    /** The response of {@code POST /virtual-threads}, as {@code VirtualThreadResource} (built on Java 21+ only). */
    record RoundTrip(String createdKey, String uploadedKey, int uploadedBytes, boolean virtual, String thread) {
    }

    /** The response of {@code GET /virtual-threads/served}. */
    record ServedThreads(int served, List<String> running) {
    }

    @Inject
    FakeStorage fake;

    @TestHTTPResource("/virtual-threads")
    URL endpoint;

    /** Loads and initializes every class a round needs, and starts the pools of the application and the fake. */
    @BeforeAll
    void warmUp() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            roundTrips(callers, "warm-up");
        } finally {
            callers.shutdown();
        }
    }

    @Test
    @ShouldNotPin
    void everyCallSucceedsOnAVirtualThreadWithoutPinningNorLeavingAThreadBehind() throws Exception {
        ThreadPoolExecutor callers = new ThreadPoolExecutor(CALLERS, CALLERS, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>());
        List<RoundTrip> trips;
        try {
            callers.prestartAllCoreThreads();
            fake.reset();
            Set<Thread> platformThreadsBefore = platformThreads();

            trips = roundTrips(callers, "vt");

            for (int call = 0; call < CALLS; call++) {
                RoundTrip trip = trips.get(call);
                String prefix = "vt/" + call + "/";
                assertTrue(trip.createdKey().startsWith(prefix), trip::toString);
                assertTrue(trip.uploadedKey().startsWith(prefix), trip::toString);
                assertNotEquals(trip.createdKey(), trip.uploadedKey(), trip::toString);
                assertEquals(body(call).length, trip.uploadedBytes(), trip::toString);
                assertTrue(trip.virtual(), "call " + call + " ran on " + trip.thread());
            }
            assertTrue(served().served() >= CALLS, () -> "threads served: " + served());
            awaitNone(() -> served().running(), "threads that served a call and are still running");
            awaitNone(() -> platformThreads().stream().filter(t -> !platformThreadsBefore.contains(t)).toList(),
                    "platform threads started during the round and still alive");
        } finally {
            callers.shutdownNow();
        }

        // What the storage received: two uploads asked for per call, each uploaded object complete and deleted.
        List<ReceivedRequest> requests = fake.requests();
        assertEquals(2 * CALLS, requests.stream().filter(r -> r.path().equals("/uploads")).count());
        Map<String, String> putLengths = requests.stream().filter(r -> r.method().equals("PUT"))
                .collect(Collectors.toMap(ReceivedRequest::path, r -> r.headers().getString("content-length")));
        Map<String, String> uploadedLengths = new HashMap<>();
        for (int call = 0; call < CALLS; call++) {
            uploadedLengths.put("/bucket/" + trips.get(call).uploadedKey(), String.valueOf(body(call).length));
        }
        assertEquals(uploadedLengths, putLengths);
        Set<String> deleted = requests.stream().filter(r -> r.path().equals("/objects"))
                .map(r -> new JsonObject(r.body()).getString("key")).collect(Collectors.toSet());
        assertEquals(trips.stream().map(RoundTrip::uploadedKey).collect(Collectors.toSet()), deleted);
        assertTrue(fake.objects().isEmpty(), () -> "objects left: " + fake.objects());
    }

    /** {@value #CALLS} round trips, each with its own prefix and body, all at once from the callers. */
    private List<RoundTrip> roundTrips(ExecutorService callers, String prefix) throws Exception {
        List<Future<RoundTrip>> calls = new ArrayList<>();
        for (int call = 0; call < CALLS; call++) {
            String callPrefix = prefix + "/" + call;
            byte[] body = body(call);
            calls.add(callers.submit(() -> given().queryParam("prefix", callPrefix)
                    .contentType("application/octet-stream").body(body)
                    .post(endpoint)
                    .then().statusCode(200).extract().as(RoundTrip.class)));
        }
        List<RoundTrip> trips = new ArrayList<>();
        for (Future<RoundTrip> call : calls) {
            trips.add(call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        }
        return trips;
    }

    /** A body of its own length for each call, so that a response can be told from another call's. */
    private static byte[] body(int call) {
        byte[] body = new byte[1024 + call];
        Arrays.fill(body, (byte) call);
        return body;
    }

    private static ServedThreads served() {
        return given().get("/virtual-threads/served").then().statusCode(200).extract().as(ServedThreads.class);
    }

    /** Every live platform thread, of every thread group; virtual threads are not in it. */
    private static Set<Thread> platformThreads() {
        return Thread.getAllStackTraces().keySet();
    }

    /** Waits, at most {@link #PATIENCE}, for nothing to be left over. */
    private static void awaitNone(Supplier<Collection<?>> leftOver, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Collection<?> left = leftOver.get();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = leftOver.get();
        }
        assertTrue(left.isEmpty(), what + ": " + left);
    }
}
