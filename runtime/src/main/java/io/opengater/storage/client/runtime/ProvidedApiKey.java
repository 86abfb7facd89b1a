package io.opengater.storage.client.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.quarkus.credentials.CredentialsProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The key of {@code credentials-provider.*}: read from a {@link CredentialsProvider} on first use, and again when the
 * service refuses it, after which the refused request is sent once more. Calls refused together share one read, and
 * a call refused with a key that was replaced meanwhile takes the new one without reading: one read at a time.
 * <p>
 * It always asks through {@link CredentialsProvider#getCredentialsAsync}, whose default runs a blocking
 * {@code getCredentials} on a worker thread, so that a blocking provider never runs on an event loop; a reactive
 * caller on an event loop continues there once the key is read.
 */
final class ProvidedApiKey implements ApiKeySource {

    private final CredentialsProvider provider;
    private final String credentials;
    private final String keyName;
    private final String described;
    private final Duration readTimeout;
    private final AtomicReference<CompletableFuture<String>> reading = new AtomicReference<>();
    private volatile String key;

    /**
     * @param provider the bean to read from
     * @param credentials the name of the credentials to ask for ({@code credentials-provider.name})
     * @param keyName the key's entry in them ({@code credentials-provider.api-key-key})
     * @param described the credentials and the provider, as messages name them
     * @param readTimeout how long one read may take
     */
    ProvidedApiKey(CredentialsProvider provider, String credentials, String keyName, String described,
            Duration readTimeout) {
        this.provider = provider;
        this.credentials = credentials;
        this.keyName = keyName;
        this.described = described;
        this.readTimeout = readTimeout;
    }

    @Override
    public <T> Uni<T> send(Supplier<Uni<T>> request) {
        return key(null).chain(sent -> request.get()
                .onFailure(StorageErrors::refusesKey)
                .recoverWithUni(() -> key(sent).chain(fresh -> request.get())));
    }

    @Override
    public String current() {
        String known = key;
        if (known == null) {
            throw new IllegalStateException("the API key of " + described + " has not been read yet");
        }
        return known;
    }

    /**
     * @param refused the key the service refused, or {@code null} for the first request
     * @return the key read last, unless it is the refused one; else the key of a read, a new one or the one under way
     */
    private Uni<String> key(String refused) {
        String known = key;
        if (known != null && !known.equals(refused)) {
            return Uni.createFrom().item(known);
        }
        return Uni.createFrom().deferred(() -> onCallersEventLoop(read(refused)));
    }

    private CompletableFuture<String> read(String refused) {
        while (true) {
            CompletableFuture<String> underWay = reading.get();
            if (underWay != null) {
                return underWay;
            }
            // the key is set before the read under way is cleared, so a read that just ended is seen here
            String known = key;
            if (known != null && !known.equals(refused)) {
                return CompletableFuture.completedFuture(known);
            }
            CompletableFuture<String> read = new CompletableFuture<>();
            if (reading.compareAndSet(null, read)) {
                start(read);
                return read;
            }
        }
    }

    private void start(CompletableFuture<String> read) {
        Uni<Map<String, String>> asked;
        try {
            asked = provider.getCredentialsAsync(credentials);
        } catch (RuntimeException failed) {
            asked = Uni.createFrom().failure(failed);
        }
        if (asked == null) {
            asked = Uni.createFrom().nullItem();
        }
        asked.ifNoItem().after(readTimeout).failWith(() -> new ApiKeyUnavailable("the API key could not be read: "
                + described + " did not come within " + StorageErrors.humanReadable(readTimeout), null))
                .map(this::apiKeyOf)
                .subscribe().with(fresh -> {
                    key = fresh;
                    reading.set(null);
                    read.complete(fresh);
                }, failure -> {
                    reading.set(null);
                    read.completeExceptionally(failure instanceof ApiKeyUnavailable ? failure
                            : new ApiKeyUnavailable("the API key could not be read: the provider of " + described
                                    + " failed (" + failure.getClass().getName() + ")", failure));
                });
    }

    private String apiKeyOf(Map<String, String> given) {
        String value = given == null ? null : given.get(keyName);
        if (value == null) {
            throw new ApiKeyUnavailable("the API key could not be read: " + described + " have no entry \""
                    + keyName + "\"", null);
        }
        try {
            return ClientSettings.apiKey("the API key in " + described, value);
        } catch (IllegalArgumentException unusable) {
            throw new ApiKeyUnavailable(unusable.getMessage(), null);
        }
    }

    /**
     * Where the read ends on a worker thread (a blocking provider's), a caller that subscribed on an event loop gets
     * the key back on its own context, so that its request goes out as it would without the read.
     */
    private static Uni<String> onCallersEventLoop(CompletableFuture<String> read) {
        // not Uni.createFrom().completionStage: it cancels the read for everyone when one caller cancels
        Uni<String> delivered = Uni.createFrom().emitter(emitter -> read.whenComplete((fresh, failure) -> {
            if (failure != null) {
                emitter.fail(failure);
            } else {
                emitter.complete(fresh);
            }
        }));
        Context context = Vertx.currentContext();
        if (read.isDone() || context == null || !Context.isOnEventLoopThread()) {
            return delivered;
        }
        return delivered.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** Names the credentials, never the key. */
    @Override
    public String toString() {
        return "ProvidedApiKey[" + described + "]";
    }
}
