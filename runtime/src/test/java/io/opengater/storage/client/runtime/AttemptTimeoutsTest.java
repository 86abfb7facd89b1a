package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.netty.util.concurrent.EventExecutor;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** Where the attempts' time limits are kept, on a real Vert.x, with Mutiny's timeout as the guard uses it. */
class AttemptTimeoutsTest {

    private Vertx vertx;
    private AttemptTimeouts timeouts;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        timeouts = new AttemptTimeouts();
    }

    @AfterEach
    void stop() throws Exception {
        timeouts.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void attemptsThatEndInTimeLeaveNothingBehind() {
        ScheduledThreadPoolExecutor shared = assertInstanceOf(ScheduledThreadPoolExecutor.class,
                timeouts.forThisThread());

        for (int i = 0; i < 1_000; i++) {
            assertEquals(i, Uni.createFrom().item(i).ifNoItem().after(Duration.ofSeconds(30))
                    .on(timeouts.forThisThread()).fail().await().atMost(Duration.ofSeconds(5)));
        }

        // 1,000 limits of 30 s, each taken out as its attempt ended: none is left to hold its attempt in memory, only
        // the task that keeps the soonest limit within a second
        assertEquals(1, shared.getQueue().size());
        assertTrue(((RunnableScheduledFuture<?>) shared.getQueue().peek()).isPeriodic());
        assertSame(shared, timeouts.forThisThread());
    }

    /**
     * A lone caller's attempts, one after the other, do not wake the timer's thread each time: that costs a context
     * switch per call. Counted by Linux, for the thread of that name.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aLoneCallersAttemptsDoNotWakeTheThread() throws Exception {
        // the thread has run (and named itself) and waits again
        timeouts.forThisThread().submit(() -> {
        }).get(5, TimeUnit.SECONDS);
        long before = timerThreadSwitches();

        for (int i = 0; i < 500; i++) {
            Uni.createFrom().item(i).ifNoItem().after(Duration.ofSeconds(30)).on(timeouts.forThisThread()).fail()
                    .await().indefinitely();
        }

        long woken = timerThreadSwitches() - before;
        // once a second at most, whatever the machine: 500 without the keeper
        assertTrue(woken <= 5, "the timer's thread switched " + woken + " times for 500 attempts");
    }

    /** The voluntary context switches of the thread {@code opengater-storage-timeouts} (15 characters in Linux). */
    private static long timerThreadSwitches() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                if ("opengater-stora".equals(Files.readString(task.resolve("comm")).trim())) {
                    List<String> status = Files.readAllLines(task.resolve("status"));
                    return status.stream().filter(line -> line.startsWith("voluntary_ctxt_switches:"))
                            .mapToLong(line -> Long.parseLong(line.split("\\s+")[1])).findFirst().orElseThrow();
                }
            }
        }
        throw new AssertionError("no thread opengater-storage-timeouts");
    }

    @Test
    void anAttemptWithoutAnItemFailsAtItsLimit() {
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> Uni.createFrom().nothing().ifNoItem()
                .after(Duration.ofMillis(200)).on(timeouts.forThisThread()).fail().await().atMost(Duration.ofSeconds(5)));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(tookMillis >= 190, "took " + tookMillis + " ms");
    }

    @Test
    void aCallerOnAnEventLoopHasItsOwnLoopKeepTheLimit() throws Exception {
        CompletableFuture<ScheduledExecutorService> timer = new CompletableFuture<>();
        CompletableFuture<Boolean> onThatLoop = new CompletableFuture<>();

        vertx.runOnContext(ignored -> {
            ScheduledExecutorService chosen = timeouts.forThisThread();
            timer.complete(chosen);
            onThatLoop.complete(chosen instanceof EventExecutor loop && loop.inEventLoop());
        });

        assertTrue(onThatLoop.get(5, TimeUnit.SECONDS));
        assertTrue(timer.get() instanceof EventExecutor);
    }

    @Test
    void closedTimeoutsMakeNoThread() {
        timeouts.close();

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> timeouts.forThisThread());
        assertEquals("the opengater-storage clients are closed", refused.getMessage());
    }
}
