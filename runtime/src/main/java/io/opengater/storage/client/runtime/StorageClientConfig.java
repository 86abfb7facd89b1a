package io.opengater.storage.client.runtime;

import java.time.Duration;
import java.util.Optional;

import io.opengater.storage.client.UploadChecksum;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/**
 * The configuration of one opengater-storage client. Clients built with {@code StorageClient.builder()} fill it too:
 * what the builder is not given takes the defaults here.
 */
@ConfigGroup
public interface StorageClientConfig {

    /**
     * The address of the opengater-storage service, an absolute {@code http} or {@code https} URL such as
     * {@code http://opengater-storage:8000}. It may carry a path ({@code http://gateway:8000/storage}): requests
     * then go to {@code /storage/uploads}. A trailing slash changes nothing. Required.
     */
    Optional<String> baseUrl();

    /**
     * The API key, sent as the {@code X-API-Key} header on every call to the service and nowhere else. Required,
     * unless {@code credentials-provider.name} is set: then the key comes from a credentials provider, and this must
     * be left unset. Keep it out of {@code application.properties} in production: set it through the environment
     * ({@code QUARKUS_OPENGATER_STORAGE_API_KEY}) or a secret store.
     */
    Optional<String> apiKey();

    /**
     * The time limit of one request to the service, connection included. Each retry gets the same limit again.
     */
    @WithDefault("30S")
    Duration timeout();

    /**
     * The name of a TLS configuration of the Quarkus TLS registry ({@code quarkus.tls."name".*}) for the calls to an
     * {@code https} service: its trust store when the service's certificate chain is not in the JVM's default trust
     * store, its key store for mutual TLS. Without it, the JVM's defaults apply. The {@code PUT}s to the storage host have their own,
     * {@code upload.tls-configuration-name}.
     */
    Optional<String> tlsConfigurationName();

    /**
     * The name of a configuration of Quarkus's proxy registry ({@code quarkus.proxy."name".*}: host, port, username
     * and password or a credentials provider, non-proxy hosts, connect timeout) for the calls to the service, or
     * {@code none} to call it directly. An {@code http} service is asked through the proxy, which then sees the
     * requests, {@code X-API-Key} included; an {@code https} service through a tunnel ({@code CONNECT}), so the proxy
     * sees only its host and port. Unset, the calls take the proxy that any Quarkus REST client would:
     * {@code quarkus.rest-client.proxy-address}, else the registry's configuration named by
     * {@code quarkus.rest-client.proxy-configuration-name} or its default one ({@code quarkus.proxy.*}), else the JVM's
     * {@code http.proxyHost} and {@code https.proxyHost}. Only HTTP proxies are supported. A name that the registry
     * does not have stops the start. The {@code PUT}s to the storage host have their own,
     * {@code upload.proxy-configuration-name}.
     */
    Optional<String> proxyConfigurationName();

    /**
     * Retries of calls that fail with {@code StorageUnavailableException}.
     */
    RetryConfig retry();

    /**
     * Uploads of bytes to the presigned URLs.
     */
    UploadConfig upload();

    /**
     * The circuit breaker, shared by all calls of this client.
     */
    CircuitBreakerConfig circuitBreaker();

    /**
     * Retries of calls that fail with {@code StorageUnavailableException} (HTTP 429, 5xx, timeouts, connection
     * failures). A 4xx other than 429 is never retried.
     */
    @ConfigGroup
    interface RetryConfig {

        /**
         * How many times a failed call is tried again; {@code 0} turns retries off.
         */
        @WithDefault("2")
        int maxRetries();

        /**
         * The wait before the first retry, doubled for each further retry, with up to 25 % of random jitter added.
         */
        @WithDefault("200MS")
        Duration delay();

        /**
         * The longest wait before one retry. A {@code Retry-After} header on a 429 or 503 response is honoured up to
         * this limit.
         */
        @WithDefault("5S")
        Duration maxDelay();
    }

    /**
     * Uploads of bytes ({@code upload(...)}): a {@code PUT} to the presigned URL, on the storage host rather than the
     * service, retried like the service calls.
     */
    @ConfigGroup
    interface UploadConfig {

        /**
         * The time limit of one {@code PUT} of the bytes; the per-request {@code timeout} does not apply to it.
         */
        @WithDefault("10M")
        Duration timeout();

        /**
         * The name of a TLS configuration of the Quarkus TLS registry ({@code quarkus.tls."name".*}) that the
         * {@code PUT}s to an {@code https} storage host use: its trust store when the storage host's certificate chain
         * is not in the JVM's default trust store, its key store for mutual TLS. Without it, the JVM's defaults apply.
         */
        Optional<String> tlsConfigurationName();

        /**
         * Whether uploads of a file or of bytes in memory send {@code Content-MD5}, the MD5 of the bytes, computed
         * before {@code POST /uploads} (on a worker thread for the reactive client, on the caller's thread for the
         * blocking one). S3 and the embedded storage then store nothing and answer {@code 400 BadDigest} when the
         * bytes they received differ, which is a {@code StorageBadRequestException} whose {@code detail()} starts with
         * {@code BadDigest}. An upload from an {@code InputStream} never sends one: its bytes are known only as they
         * are sent. {@code none} sends no checksum and saves reading the body once more.
         */
        @WithDefault("md5")
        UploadChecksum checksum();

        /**
         * The largest body that {@code upload(...)} sends: a larger file, array or stated stream length is an
         * {@code IllegalArgumentException} that names its size and this limit, before {@code POST /uploads}, so that no
         * upload is created for bytes the storage host would refuse. The default is S3's limit for one {@code PUT},
         * 5 GiB. A number of bytes, or one with a suffix in powers of 1024: {@code 100M}, {@code 5G}.
         */
        @WithDefault("5G")
        MemorySize maxSize();

        /**
         * Whether an upload whose presigned URL has expired before its {@code PUT} (403 {@code AccessDenied}, with
         * S3's "Request has expired") asks for a new upload once and sends the bytes again, for a file or bytes in
         * memory; the result is then the new upload's, with another key than the first. A second expiry, and any
         * expiry of an upload from an {@code InputStream}, which cannot be read twice, is a
         * {@code StorageAuthException}.
         */
        @WithDefault("true")
        boolean renewExpired();

        /**
         * The name of a configuration of Quarkus's proxy registry ({@code quarkus.proxy."name".*}) for the
         * {@code PUT}s to the storage host, or {@code none} to send them directly. To an {@code http} storage host the
         * {@code PUT} goes through the proxy; to an {@code https} one through a tunnel ({@code CONNECT}). Unset, the
         * registry's default configuration ({@code quarkus.proxy.*}) applies, if there is one. Only HTTP proxies are
         * supported. A name that the registry does not have stops the start.
         */
        Optional<String> proxyConfigurationName();
    }

    /**
     * The circuit breaker: after repeated unavailability it opens, and calls then fail at once with
     * {@code StorageUnavailableException} (no status) instead of waiting for a service that is down.
     */
    @ConfigGroup
    interface CircuitBreakerConfig {

        /**
         * Whether the circuit breaker is used.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * How many of the latest requests the breaker looks at to decide whether to open.
         */
        @WithDefault("20")
        int requestVolumeThreshold();

        /**
         * The share of failed requests among the latest {@code request-volume-threshold} ones that opens the
         * breaker, between 0 and 1.
         */
        @WithDefault("0.5")
        double failureRatio();

        /**
         * How long the breaker stays open before it lets a trial request through.
         */
        @WithDefault("5S")
        Duration delay();
    }
}
