package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageException;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A failure inside the client that is not the service's unavailability (here a bug in an application's global REST
 * client filter) is a plain {@link StorageException} naming the operation, with the bug as its cause: not retried,
 * not counted by the circuit breaker, nothing sent.
 */
class UnexpectedFailureTest extends EmbeddedStorageTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BrokenFilter.class, DefaultClientUser.class, Causes.class))
            // two retries, and a breaker that would open after 4 unavailable calls out of 4
            .overrideConfigKey("quarkus.opengater-storage.retry.max-retries", "2")
            .overrideConfigKey("quarkus.opengater-storage.retry.delay", "1MS")
            .overrideConfigKey("quarkus.opengater-storage.circuit-breaker.request-volume-threshold", "4")
            .overrideConfigKey("quarkus.opengater-storage.circuit-breaker.failure-ratio", "0.5");

    @Inject
    StorageClient storage;

    @Inject
    ReactiveStorageClient reactiveStorage;

    @Test
    void aBugIsAPlainStorageExceptionThatIsNeitherRetriedNorCounted() {
        BrokenFilter.CALLS.set(0);
        for (int call = 1; call <= 10; call++) {
            StorageException failure = assertThrows(StorageException.class,
                    () -> storage.createUpload("image/png", "x"));

            assertEquals(StorageException.class, failure.getClass());
            assertNull(failure.statusCode());
            assertEquals("POST /uploads", failure.operation());
            assertTrue(failure.detail().startsWith("unexpected failure (IllegalStateException: a bug"
                    + " in a filter)"), failure.detail());
            assertSame(BrokenFilter.BUG, Causes.root(failure));
            assertEquals(call, BrokenFilter.CALLS.get(), "one attempt per call, and the breaker stays closed");
        }
        StorageException reactive = assertThrows(StorageException.class,
                () -> reactiveStorage.deleteByKey("k").await().indefinitely());
        assertEquals(StorageException.class, reactive.getClass());
        assertEquals("DELETE /objects", reactive.operation());
        assertEquals(11, BrokenFilter.CALLS.get());
        assertEquals(0, fake.requests().size(), "nothing was sent");
    }

    @Provider
    public static class BrokenFilter implements ClientRequestFilter {

        static final AtomicInteger CALLS = new AtomicInteger();
        static final IllegalStateException BUG = new IllegalStateException("a bug in a filter");

        @Override
        public void filter(ClientRequestContext request) {
            CALLS.incrementAndGet();
            throw BUG;
        }
    }
}
