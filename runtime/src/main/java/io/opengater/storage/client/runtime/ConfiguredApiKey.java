package io.opengater.storage.client.runtime;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * The key of {@code api-key} (or the builder's {@code apiKey}): it cannot change, so a refused request is not sent
 * again, and a request costs nothing more than before.
 */
record ConfiguredApiKey(String key) implements ApiKeySource {

    @Override
    public <T> Uni<T> send(Supplier<Uni<T>> request) {
        return request.get();
    }

    @Override
    public String current() {
        return key;
    }

    /** Leaves the key out, unlike the generated record {@code toString()}. */
    @Override
    public String toString() {
        return "ConfiguredApiKey[***]";
    }
}
