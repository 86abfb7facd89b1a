package io.opengater.storage.client;

import java.time.Duration;

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
 * {@link #buildReactive()} check every setting as the start-up check does ({@link IllegalArgumentException} naming the
 * builder method) and make a client that behaves like an injected one (same errors, retries, timeout and circuit
 * breaker), with its own connections, which {@code close()} releases. Works in any Quarkus application that has the
 * extension. A builder is not thread-safe; the clients it builds are.
 */
public interface StorageClientBuilder {

    /**
     * @param baseUrl the service's address, an absolute {@code http} or {@code https} URL; required
     * @return this builder
     */
    StorageClientBuilder baseUrl(String baseUrl);

    /**
     * @param apiKey the value of {@code X-API-Key}; required, unless {@link #credentialsProviderName} is set
     * @return this builder
     */
    StorageClientBuilder apiKey(String apiKey);

    /**
     * Reads the API key from a {@code io.quarkus.credentials.CredentialsProvider} bean instead of {@link #apiKey}: on
     * the client's first call, and again when the service refuses it (401 or 403), after which the refused request is
     * sent once more with the key just read. Set it or {@link #apiKey}, not both.
     *
     * @param credentialsProviderName the name of the credentials to ask the provider for, such as a Vault secret's
     * @return this builder
     */
    StorageClientBuilder credentialsProviderName(String credentialsProviderName);

    /**
     * @param credentialsProviderBeanName the {@code @Named} name of the {@code CredentialsProvider} bean to read the
     *        key from, when the application has more than one (default: its only one); needs
     *        {@link #credentialsProviderName}
     * @return this builder
     */
    StorageClientBuilder credentialsProviderBeanName(String credentialsProviderBeanName);

    /**
     * @param credentialsProviderApiKeyKey the entry of the API key in the credentials the provider returns (default
     *        {@code api-key})
     * @return this builder
     */
    StorageClientBuilder credentialsProviderApiKeyKey(String credentialsProviderApiKeyKey);

    /**
     * @param timeout the time limit of one request (default 30 s)
     * @return this builder
     */
    StorageClientBuilder timeout(Duration timeout);

    /**
     * @param maxRetries retries of a call that failed with {@link StorageUnavailableException} (default 2; 0 turns
     *        retries off)
     * @return this builder
     */
    StorageClientBuilder maxRetries(int maxRetries);

    /**
     * @param retryDelay the first back-off, doubled for each retry (default 200 ms)
     * @return this builder
     */
    StorageClientBuilder retryDelay(Duration retryDelay);

    /**
     * @param retryMaxDelay the cap on one back-off and on an honoured {@code Retry-After} (default 5 s)
     * @return this builder
     */
    StorageClientBuilder retryMaxDelay(Duration retryMaxDelay);

    /**
     * @param circuitBreakerEnabled whether the client has a circuit breaker (default {@code true})
     * @return this builder
     */
    StorageClientBuilder circuitBreakerEnabled(boolean circuitBreakerEnabled);

    /**
     * @param uploadTimeout the time limit of one {@code PUT} of bytes by {@code upload(...)} (default 10 min)
     * @return this builder
     */
    StorageClientBuilder uploadTimeout(Duration uploadTimeout);

    /**
     * @param tlsConfigurationName a TLS configuration of the Quarkus TLS registry for the calls to an {@code https}
     *        service: its trust store, and its key store for mutual TLS (default: the JVM's trust store)
     * @return this builder
     */
    StorageClientBuilder tlsConfigurationName(String tlsConfigurationName);

    /**
     * @param uploadTlsConfigurationName a TLS configuration of the Quarkus TLS registry for the {@code PUT}s to an
     *        {@code https} storage host (default: the JVM's trust store)
     * @return this builder
     */
    StorageClientBuilder uploadTlsConfigurationName(String uploadTlsConfigurationName);

    /**
     * @param uploadChecksum whether uploads of a file or of bytes send {@code Content-MD5}, which the storage host
     *        verifies (default {@link UploadChecksum#MD5}; streams never send one)
     * @return this builder
     */
    StorageClientBuilder uploadChecksum(UploadChecksum uploadChecksum);

    /**
     * @param uploadMaxSize the largest body {@code upload(...)} sends, in bytes; a larger one is an
     *        {@link IllegalArgumentException} before any request (default 5 GiB, S3's limit for one {@code PUT})
     * @return this builder
     */
    StorageClientBuilder uploadMaxSize(long uploadMaxSize);

    /**
     * @param uploadRenewExpired whether an upload of a file or of bytes whose presigned URL expired before its
     *        {@code PUT} asks for a new upload once and sends the bytes again, under the new key (default
     *        {@code true})
     * @return this builder
     */
    StorageClientBuilder uploadRenewExpired(boolean uploadRenewExpired);

    /**
     * @param proxyConfigurationName a configuration of Quarkus's proxy registry ({@code quarkus.proxy."name".*}) for
     *        the calls to the service, or {@code none} for no proxy (default: the proxy any Quarkus REST client would
     *        take, if any)
     * @return this builder
     */
    StorageClientBuilder proxyConfigurationName(String proxyConfigurationName);

    /**
     * @param uploadProxyConfigurationName a configuration of Quarkus's proxy registry for the {@code PUT}s to the
     *        storage host, or {@code none} for no proxy (default: the registry's default configuration, if any)
     * @return this builder
     */
    StorageClientBuilder uploadProxyConfigurationName(String uploadProxyConfigurationName);

    /**
     * @return a new blocking client; close it when done
     * @throws IllegalArgumentException naming the first missing or invalid setting
     */
    StorageClient build();

    /**
     * @return a new reactive client; close it when done
     * @throws IllegalArgumentException naming the first missing or invalid setting
     */
    ReactiveStorageClient buildReactive();
}
