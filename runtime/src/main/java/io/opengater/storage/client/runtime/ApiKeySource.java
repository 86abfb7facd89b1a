package io.opengater.storage.client.runtime;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Where one client's API key comes from: its configuration ({@link ConfiguredApiKey}) or a credentials provider
 * ({@link ProvidedApiKey}). {@link ApiKeyFilter} puts {@link #current()} on each request; {@link #send} makes sure
 * there is a key to put, and sends a request once more when the key it carried was refused and can be read anew.
 * Neither ever prints the key.
 */
interface ApiKeySource {

    /**
     * Sends one request with the key.
     *
     * @param request sends the request anew each time it is called; its failures are not yet translated
     * @return what the request gave, or, when it was refused with 401 or 403 and the key can be read anew, what the
     *         same request gave once more with the key read again
     */
    <T> Uni<T> send(Supplier<Uni<T>> request);

    /**
     * @return the key the next request carries: read by {@link #send} before the request goes out
     * @throws IllegalStateException when no key has been read yet, which {@link #send} prevents
     */
    String current();
}
