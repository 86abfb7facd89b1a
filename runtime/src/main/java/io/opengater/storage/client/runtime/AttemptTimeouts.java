package io.opengater.storage.client.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Where the time limits of the attempts of every client are kept, for Mutiny's {@code ifNoItem().on(...)}. A caller
 * on a Vert.x event loop gets its own loop, so that it hears of a timeout on its thread, as of every other outcome.
 * Any other caller gets one thread shared by all clients, made on first use. It wakes once a second, and when a limit
 * ends or is sooner than that, not for each attempt; an attempt that ends in time takes its limit out at once.
 */
final class AttemptTimeouts implements AutoCloseable {

    private volatile ScheduledThreadPoolExecutor shared;
    private boolean closed;

    /** The timer of an attempt that starts on this thread. */
    ScheduledExecutorService forThisThread() {
        if (Context.isOnEventLoopThread()) {
            for (EventExecutor loop : Vertx.currentContext().owner().nettyEventLoopGroup()) {
                if (loop.inEventLoop()) {
                    return loop;
                }
            }
        }
        ScheduledThreadPoolExecutor timer = shared;
        return timer != null ? timer : makeShared();
    }

    private synchronized ScheduledThreadPoolExecutor makeShared() {
        if (shared == null) {
            if (closed) {
                throw new IllegalStateException("the opengater-storage clients are closed");
            }
            shared = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "opengater-storage-timeouts");
                thread.setDaemon(true);
                return thread;
            });
            // an attempt that ends in time leaves nothing behind: at 30 s a limit, they would pile up otherwise
            shared.setRemoveOnCancelPolicy(true);
            // The thread is woken whenever a new limit is the soonest it holds, which with no other limit held is
            // every attempt of a lone caller; a limit that always ends within a second is sooner than them all.
            shared.scheduleAtFixedRate(() -> {
            }, 1, 1, TimeUnit.SECONDS);
        }
        return shared;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (shared != null) {
            shared.shutdownNow();
        }
    }
}
