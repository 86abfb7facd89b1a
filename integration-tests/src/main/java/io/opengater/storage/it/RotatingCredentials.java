package io.opengater.storage.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.quarkus.credentials.CredentialsProvider;
import io.vertx.core.Context;

/**
 * The application's own credentials provider, as a user writes one over a secret store: credentials by name in a map
 * that an operator (here the tests, through {@link CredentialsResource}) changes to rotate a key, read with the
 * blocking {@code getCredentials}. It counts the reads of each name, and notes a read on an event-loop thread, which
 * must never happen.
 */
@ApplicationScoped
@Named(RotatingCredentials.BEAN_NAME)
public class RotatingCredentials implements CredentialsProvider {

    /** As {@code credentials-provider.bean-name} names it. */
    public static final String BEAN_NAME = "it-credentials";

    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final AtomicBoolean readOnEventLoop = new AtomicBoolean();

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        reads.computeIfAbsent(credentialsProviderName, name -> new AtomicInteger()).incrementAndGet();
        if (Context.isOnEventLoopThread()) {
            readOnEventLoop.set(true);
        }
        return secrets.getOrDefault(credentialsProviderName, Map.of());
    }

    /** Replaces the credentials of that name. */
    void put(String name, Map<String, String> credentials) {
        secrets.put(name, Map.copyOf(credentials));
    }

    int reads(String name) {
        AtomicInteger count = reads.get(name);
        return count == null ? 0 : count.get();
    }

    boolean readOnEventLoop() {
        return readOnEventLoop.get();
    }
}
