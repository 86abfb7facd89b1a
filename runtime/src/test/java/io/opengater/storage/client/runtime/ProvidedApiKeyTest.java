package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.credentials.CredentialsProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The key of a credentials provider: read on first use, once more after a refusal, one read at a time, never on an
 * event loop. The provider is a plain implementation, as an application's would be; the requests stand for the
 * service, which accepts one key and refuses every other with 403, as the real one does.
 */
class ProvidedApiKeyTest {

    private static final String DESCRIBED = "the credentials \"storage\""
            + " (quarkus.opengater-storage.credentials-provider.name) of the CredentialsProvider";

    /** A provider backed by a map that the test changes, as a secret store is changed when a key rotates. */
    private static final class RotatingCredentials implements CredentialsProvider {

        final AtomicReference<String> key = new AtomicReference<>();
        final AtomicInteger reads = new AtomicInteger();
        final List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);

        RotatingCredentials(String key) {
            this.key.set(key);
        }

        @Override
        public Map<String, String> getCredentials(String credentialsProviderName) {
            assertEquals("storage", credentialsProviderName);
            reads.incrementAndGet();
            onEventLoop.add(Context.isOnEventLoopThread());
            try {
                assertTrue(gate.await(10, TimeUnit.SECONDS), "the gate stayed closed");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Map.of("api-key", key.get(), "user", "ignored");
        }
    }

    /** The service: the key it accepts, and the keys the requests carried, in order. */
    private static final class Service {

        final AtomicReference<String> accepted = new AtomicReference<>();
        final List<String> carried = new CopyOnWriteArrayList<>();

        Service(String accepted) {
            this.accepted.set(accepted);
        }

        /** One request with the key the filter would put on it now. */
        Supplier<Uni<String>> request(ApiKeySource keys) {
            return () -> Uni.createFrom().deferred(() -> {
                String key = keys.current();
                carried.add(key);
                return key.equals(accepted.get()) ? Uni.createFrom().item("created")
                        : Uni.createFrom().failure(new ErrorResponse(403, "Invalid API key", null));
            });
        }
    }

    private static ProvidedApiKey keys(CredentialsProvider provider) {
        return new ProvidedApiKey(provider, "storage", "api-key", DESCRIBED, Duration.ofSeconds(5));
    }

    @Test
    void theKeyIsReadOnFirstUseAndOnlyThen() {
        RotatingCredentials provider = new RotatingCredentials("key-1");
        ProvidedApiKey keys = keys(provider);
        Service service = new Service("key-1");

        assertEquals(0, provider.reads.get(), "read before the first use");
        assertThrows(IllegalStateException.class, keys::current);
        assertEquals("created", keys.send(service.request(keys)).await().atMost(Duration.ofSeconds(10)));
        assertEquals("created", keys.send(service.request(keys)).await().atMost(Duration.ofSeconds(10)));

        assertEquals(1, provider.reads.get());
        assertEquals(List.of("key-1", "key-1"), service.carried);
    }

    @Test
    void aRotatedKeyIsReadOnceAfterTheRefusalAndTheRequestSentOnceMore() {
        RotatingCredentials provider = new RotatingCredentials("key-1");
        ProvidedApiKey keys = keys(provider);
        Service service = new Service("key-1");
        keys.send(service.request(keys)).await().atMost(Duration.ofSeconds(10));

        service.accepted.set("key-2");
        provider.key.set("key-2");
        String result = keys.send(service.request(keys)).await().atMost(Duration.ofSeconds(10));

        assertEquals("created", result);
        assertEquals(2, provider.reads.get());
        assertEquals(List.of("key-1", "key-1", "key-2"), service.carried);
    }

    @Test
    void aWrongKeyFailsAfterOneRepetitionWithTheRefusal() {
        RotatingCredentials provider = new RotatingCredentials("key-1");
        ProvidedApiKey keys = keys(provider);
        Service service = new Service("key-2");

        ErrorResponse refused = assertThrows(ErrorResponse.class,
                () -> keys.send(service.request(keys)).await().atMost(Duration.ofSeconds(10)));

        assertEquals(403, refused.status());
        assertEquals(List.of("key-1", "key-1"), service.carried, "the first request, and one more");
        assertEquals(2, provider.reads.get(), "the first read, and one after the refusal");
    }

    @Test
    void callsRefusedTogetherShareOneRead() throws Exception {
        RotatingCredentials provider = new RotatingCredentials("key-1");
        ProvidedApiKey keys = keys(provider);
        Service service = new Service("key-1");
        keys.send(service.request(keys)).await().atMost(Duration.ofSeconds(10));
        int calls = 16;
        service.accepted.set("key-2");
        provider.key.set("key-2");
        // the read after the refusals waits until every call was refused, so that all of them wait for a key at once
        provider.gate = new CountDownLatch(1);
        AtomicInteger refusals = new AtomicInteger();
        Supplier<Uni<String>> request = service.request(keys);
        Supplier<Uni<String>> counted = () -> request.get().onFailure().invoke(() -> {
            if (refusals.incrementAndGet() == calls) {
                provider.gate.countDown();
            }
        });

        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            results.add(keys.send(counted).subscribeAsCompletionStage());
        }
        for (CompletableFuture<String> result : results) {
            assertEquals("created", result.get(10, TimeUnit.SECONDS));
        }

        assertEquals(2, provider.reads.get(), "16 refusals of the same key read it again once");
        assertEquals(1 + 2 * calls, service.carried.size());
        assertEquals(calls, service.carried.stream().filter("key-2"::equals).count());
    }

    @Test
    void aCallRefusedWithAKeyReplacedMeanwhileTakesTheNewOneWithoutReading() {
        RotatingCredentials provider = new RotatingCredentials("key-1");
        ProvidedApiKey keys = keys(provider);
        Service service = new Service("key-1");
        keys.send(service.request(keys)).await().atMost(Duration.ofSeconds(10));
        service.accepted.set("key-2");
        provider.key.set("key-2");
        // this request goes out with key-1, and before it is refused another call is refused and reads key-2
        AtomicInteger sent = new AtomicInteger();
        Supplier<Uni<String>> overtaken = () -> {
            if (sent.getAndIncrement() > 0) {
                return service.request(keys).get();
            }
            assertEquals("key-1", keys.current());
            assertEquals("created", keys.send(service.request(keys)).await().atMost(Duration.ofSeconds(10)));
            return Uni.createFrom().failure(new ErrorResponse(401, "Not authenticated", null));
        };

        assertEquals("created", keys.send(overtaken).await().atMost(Duration.ofSeconds(10)));
        assertEquals(2, provider.reads.get(), "the overtaken call read the key again");
        assertEquals(List.of("key-1", "key-1", "key-2", "key-2"), service.carried);
    }

    @Test
    void otherFailuresAreNotSentAgain() {
        RotatingCredentials provider = new RotatingCredentials("key-1");
        ProvidedApiKey keys = keys(provider);
        AtomicInteger sent = new AtomicInteger();
        ErrorResponse unavailable = new ErrorResponse(503, "down", null);

        ErrorResponse failure = assertThrows(ErrorResponse.class, () -> keys.send(() -> {
            sent.incrementAndGet();
            return Uni.createFrom().<String> failure(unavailable);
        }).await().atMost(Duration.ofSeconds(10)));

        assertSame(unavailable, failure);
        assertEquals(1, sent.get());
        assertEquals(1, provider.reads.get());
    }

    @Test
    void aBlockingProviderIsReadOffTheEventLoopAndTheCallerContinuesOnIt() throws Exception {
        RotatingCredentials provider = new RotatingCredentials("key-1");
        ProvidedApiKey keys = keys(provider);
        Service service = new Service("key-1");
        List<Boolean> requestOnEventLoop = new CopyOnWriteArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<String> result = new CompletableFuture<>();
            vertx.runOnContext(ignored -> keys.send(() -> {
                requestOnEventLoop.add(Context.isOnEventLoopThread());
                return service.request(keys).get();
            }).subscribe().with(result::complete, result::completeExceptionally));

            assertEquals("created", result.get(10, TimeUnit.SECONDS));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        assertEquals(List.of(false), provider.onEventLoop, "the blocking provider ran on the event loop");
        assertEquals(List.of(true), requestOnEventLoop, "the request left the caller's event loop");
    }

    @Test
    void aFailingProviderIsNamedAndAskedAgainByTheNextCall() {
        AtomicInteger reads = new AtomicInteger();
        CredentialsProvider flaky = new CredentialsProvider() {
            @Override
            public Map<String, String> getCredentials(String name) {
                if (reads.incrementAndGet() == 1) {
                    throw new IllegalStateException("vault sealed");
                }
                return Map.of("api-key", "key-1");
            }
        };
        ProvidedApiKey keys = keys(flaky);
        Service service = new Service("key-1");

        ApiKeyUnavailable failure = assertThrows(ApiKeyUnavailable.class,
                () -> keys.send(service.request(keys)).await().atMost(Duration.ofSeconds(10)));

        assertEquals("the API key could not be read: the provider of " + DESCRIBED
                + " failed (java.lang.IllegalStateException)", failure.getMessage());
        assertEquals("vault sealed", failure.getCause().getMessage());
        assertTrue(service.carried.isEmpty(), "a request went out without a key");
        assertEquals("created", keys.send(service.request(keys)).await().atMost(Duration.ofSeconds(10)));
        assertEquals(2, reads.get());
    }

    @Test
    void credentialsWithoutTheEntryOrWithAnUnusableKeyAreNamedNotRepeated() {
        String secret = "ogs secret-7731";
        ProvidedApiKey noEntry = keys(new CredentialsProvider() {
            @Override
            public Map<String, String> getCredentials(String name) {
                return Map.of("password", secret);
            }
        });
        ProvidedApiKey unusable = keys(new CredentialsProvider() {
            @Override
            public Map<String, String> getCredentials(String name) {
                return Map.of("api-key", secret);
            }
        });

        ApiKeyUnavailable missing = assertThrows(ApiKeyUnavailable.class,
                () -> noEntry.send(() -> Uni.createFrom().item("sent")).await().atMost(Duration.ofSeconds(10)));
        ApiKeyUnavailable invalid = assertThrows(ApiKeyUnavailable.class,
                () -> unusable.send(() -> Uni.createFrom().item("sent")).await().atMost(Duration.ofSeconds(10)));

        assertEquals("the API key could not be read: " + DESCRIBED + " have no entry \"api-key\"",
                missing.getMessage());
        assertEquals("the API key in " + DESCRIBED + " must hold only visible ASCII characters (it is sent as an HTTP"
                + " header), but has another at index 3", invalid.getMessage());
        for (ApiKeyUnavailable failure : List.of(missing, invalid)) {
            assertFalse(failure.getMessage().contains(secret), failure.getMessage());
            assertNull(failure.getCause());
        }
    }

    @Test
    void aProviderThatNeverAnswersTimesOut() {
        ProvidedApiKey keys = new ProvidedApiKey(new CredentialsProvider() {
            @Override
            public Uni<Map<String, String>> getCredentialsAsync(String name) {
                return Uni.createFrom().nothing();
            }
        }, "storage", "api-key", DESCRIBED, Duration.ofMillis(200));

        ApiKeyUnavailable failure = assertThrows(ApiKeyUnavailable.class,
                () -> keys.send(() -> Uni.createFrom().item("sent")).await().atMost(Duration.ofSeconds(10)));

        assertEquals("the API key could not be read: " + DESCRIBED + " did not come within 200ms",
                failure.getMessage());
    }

    @Test
    void toStringNamesTheCredentialsNeverTheKey() {
        RotatingCredentials provider = new RotatingCredentials("ogs-rotated-key-5521");
        ProvidedApiKey keys = keys(provider);
        keys.send(() -> Uni.createFrom().item("sent")).await().atMost(Duration.ofSeconds(10));

        assertEquals("ProvidedApiKey[" + DESCRIBED + "]", keys.toString());
        assertFalse(new ConfiguredApiKey("ogs-configured-key-5521").toString().contains("5521"));
        assertFalse(new ApiKeyFilter(keys).toString().contains("5521"));
    }

    @Test
    void theTranslatedFailureIsAStorageExceptionWithoutStatusThatIsNeverRetried() {
        ApiKeyUnavailable unavailable = new ApiKeyUnavailable("the API key could not be read: x", null);

        RuntimeException translated = StorageErrors.translate(Operation.CREATE_UPLOAD, Duration.ofSeconds(30),
                unavailable);

        assertEquals(io.opengater.storage.client.StorageException.class, translated.getClass());
        io.opengater.storage.client.StorageException storage = assertInstanceOf(
                io.opengater.storage.client.StorageException.class, translated);
        assertNull(storage.statusCode());
        assertEquals("the API key could not be read: x: POST /uploads", storage.detail());
        assertEquals("POST /uploads failed: the API key could not be read: x", storage.getMessage());
    }

    @Test
    void onlyA401OrA403RefusesTheKey() {
        assertTrue(StorageErrors.refusesKey(new ErrorResponse(401, null, null)));
        assertTrue(StorageErrors.refusesKey(new RuntimeException(new ErrorResponse(403, null, null))));
        for (int status : new int[] { 400, 404, 407, 429, 500, 503 }) {
            assertFalse(StorageErrors.refusesKey(new ErrorResponse(status, null, null)), String.valueOf(status));
        }
        assertFalse(StorageErrors.refusesKey(new java.net.ConnectException("refused")));
    }

    @Test
    void aProxysRefusalIsNotTheServiceRefusingTheKey() {
        // a fresh key cannot mend the proxy's own credentials: no read, no second request
        assertFalse(StorageErrors.refusesKey(ErrorResponse.fromProxy(401, "the proxy refused the request")));
        assertFalse(StorageErrors.refusesKey(new RuntimeException(ErrorResponse.fromProxy(403, null))));
    }
}
