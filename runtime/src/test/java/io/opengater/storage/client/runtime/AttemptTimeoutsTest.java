package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
        timeouts = new AttemptTimeouts(vertx);
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

        // 1,000 limits of 30 s, each taken out as its attempt ended: none is left to hold its attempt in memory
        assertEquals(0, shared.getQueue().size());
        assertSame(shared, timeouts.forThisThread());
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
