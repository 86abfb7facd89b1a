package io.opengater.storage.client;

import static io.opengater.storage.client.runtime.StorageClientConfig.DEFAULT_CIRCUIT_BREAKER_ENABLED;
import static io.opengater.storage.client.runtime.StorageClientConfig.DEFAULT_MAX_RETRIES;
import static io.opengater.storage.client.runtime.StorageClientConfig.DEFAULT_RETRY_DELAY;
import static io.opengater.storage.client.runtime.StorageClientConfig.DEFAULT_RETRY_MAX_DELAY;
import static io.opengater.storage.client.runtime.StorageClientConfig.DEFAULT_TIMEOUT;
import static io.opengater.storage.client.runtime.StorageClientConfig.DEFAULT_UPLOAD_TIMEOUT;

import java.time.Duration;

import io.opengater.storage.client.runtime.BuiltClients;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Builds a client for an address or a key known only at run time, such as one key per tenant:
 *
 * <pre>
 * try (StorageClient client = StorageClient.builder()
 *         .baseUrl("https://storage.tenant-a.example")
 *         .apiKey(secret)
 *         .build()) {
 *     client.createUpload("image/png", "avatars");
 * }
 * </pre>
 *
 * Settings left out take the defaults of the {@code quarkus.opengater-storage.*} properties. {@link #build()} and
 * {@link #buildReactive()} check every setting ({@link IllegalArgumentException} naming it) and make a client that
 * behaves like an injected one (same errors, retries, timeout and circuit breaker), with its own connections, which
 * {@code close()} releases. Works in any Quarkus application that has the extension. A builder is not thread-safe;
 * the clients it builds are.
 */
public final class StorageClientBuilder {

    private String baseUrl;
    private String apiKey;
    private Duration timeout = DurationConverter.parseDuration(DEFAULT_TIMEOUT);
    private int maxRetries = Integer.parseInt(DEFAULT_MAX_RETRIES);
    private Duration retryDelay = DurationConverter.parseDuration(DEFAULT_RETRY_DELAY);
    private Duration retryMaxDelay = DurationConverter.parseDuration(DEFAULT_RETRY_MAX_DELAY);
    private boolean circuitBreakerEnabled = Boolean.parseBoolean(DEFAULT_CIRCUIT_BREAKER_ENABLED);
    private Duration uploadTimeout = DurationConverter.parseDuration(DEFAULT_UPLOAD_TIMEOUT);
    private String uploadTlsConfigurationName;
    private String tlsConfigurationName;

    StorageClientBuilder() {
    }

    /**
     * @param baseUrl the service's address, an absolute {@code http} or {@code https} URL; required
     * @return this builder
     */
    public StorageClientBuilder baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
        return this;
    }

    /**
     * @param apiKey the value of {@code X-API-Key}; required
     * @return this builder
     */
    public StorageClientBuilder apiKey(String apiKey) {
        this.apiKey = apiKey;
        return this;
    }

    /**
     * @param timeout the time limit of one request (default 30 s)
     * @return this builder
     */
    public StorageClientBuilder timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * @param maxRetries retries of a call that failed with {@link StorageUnavailableException} (default 2; 0 turns
     *        retries off)
     * @return this builder
     */
    public StorageClientBuilder maxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        return this;
    }

    /**
     * @param retryDelay the first back-off, doubled for each retry (default 200 ms)
     * @return this builder
     */
    public StorageClientBuilder retryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
        return this;
    }

    /**
     * @param retryMaxDelay the cap on one back-off and on an honoured {@code Retry-After} (default 5 s)
     * @return this builder
     */
    public StorageClientBuilder retryMaxDelay(Duration retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
        return this;
    }

    /**
     * @param circuitBreakerEnabled whether the client has a circuit breaker (default {@code true})
     * @return this builder
     */
    public StorageClientBuilder circuitBreakerEnabled(boolean circuitBreakerEnabled) {
        this.circuitBreakerEnabled = circuitBreakerEnabled;
        return this;
    }

    /**
     * @param uploadTimeout the time limit of one {@code PUT} of bytes by {@code upload(...)} (default 10 min)
     * @return this builder
     */
    public StorageClientBuilder uploadTimeout(Duration uploadTimeout) {
        this.uploadTimeout = uploadTimeout;
        return this;
    }

    /**
     * @param tlsConfigurationName a TLS configuration of the Quarkus TLS registry for the calls to an {@code https}
     *        service: its trust store, and its key store for mutual TLS (default: the JVM's trust store)
     * @return this builder
     */
    public StorageClientBuilder tlsConfigurationName(String tlsConfigurationName) {
        this.tlsConfigurationName = tlsConfigurationName;
        return this;
    }

    /**
     * @param uploadTlsConfigurationName a TLS configuration of the Quarkus TLS registry for the {@code PUT}s to an
     *        {@code https} storage host (default: the JVM's trust store)
     * @return this builder
     */
    public StorageClientBuilder uploadTlsConfigurationName(String uploadTlsConfigurationName) {
        this.uploadTlsConfigurationName = uploadTlsConfigurationName;
        return this;
    }

    /**
     * @return a new blocking client; close it when done
     * @throws IllegalArgumentException naming the first missing or invalid setting
     */
    public StorageClient build() {
        return BuiltClients.blocking(baseUrl, apiKey, timeout, maxRetries, retryDelay, retryMaxDelay,
                circuitBreakerEnabled, uploadTimeout, uploadTlsConfigurationName, tlsConfigurationName);
    }

    /**
     * @return a new reactive client; close it when done
     * @throws IllegalArgumentException naming the first missing or invalid setting
     */
    public ReactiveStorageClient buildReactive() {
        return BuiltClients.reactive(baseUrl, apiKey, timeout, maxRetries, retryDelay, retryMaxDelay,
                circuitBreakerEnabled, uploadTimeout, uploadTlsConfigurationName, tlsConfigurationName);
    }

    /** Leaves the API key out. */
    @Override
    public String toString() {
        return "StorageClientBuilder[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "***")
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + "]";
    }
}
