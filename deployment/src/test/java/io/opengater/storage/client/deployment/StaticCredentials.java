package io.opengater.storage.client.deployment;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import io.quarkus.credentials.CredentialsProvider;

/**
 * An application's credentials provider, as a user writes one: one key, which a test changes to rotate it, and how
 * often it was read.
 */
@ApplicationScoped
@Named("static-credentials")
public class StaticCredentials implements CredentialsProvider {

    /** The key that {@code Dev Services} give the embedded storage in the tests that use this provider. */
    static final String DEV_KEY = "ogs-dev-provided-key-2287";

    private volatile String key = DEV_KEY;
    private final AtomicInteger reads = new AtomicInteger();

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        reads.incrementAndGet();
        return Map.of("api-key", key);
    }

    /** Methods, not fields: a test holds the bean's client proxy. */
    void rotate(String next) {
        key = next;
    }

    int reads() {
        return reads.get();
    }
}
