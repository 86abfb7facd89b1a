package io.opengater.storage.client.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;

/**
 * Makes the clients of {@link io.opengater.storage.client.StorageClientBuilder}: the same implementation as the
 * injected ones, owned by the caller. Internal: use the builder.
 */
public final class BuiltClients {

    static final String NAME = "<built>";

    /** The builder's method for each setting, so that messages name what the caller wrote. */
    private static final Map<String, String> BUILDER_METHODS = Map.of(
            "base-url", "baseUrl",
            "api-key", "apiKey",
            "timeout", "timeout",
            "retry.max-retries", "maxRetries",
            "retry.delay", "retryDelay",
            "retry.max-delay", "retryMaxDelay",
            "upload.timeout", "uploadTimeout",
            "upload.tls-configuration-name", "uploadTlsConfigurationName",
            "tls-configuration-name", "tlsConfigurationName");

    private BuiltClients() {
    }

    /** The builder's method for a setting of the configuration, such as {@code retryDelay} for {@code retry.delay}. */
    static String builderMethod(String setting) {
        return BUILDER_METHODS.getOrDefault(setting, setting);
    }

    /**
     * @throws IllegalArgumentException naming the first missing or invalid setting
     */
    public static ReactiveStorageClient reactive(String baseUrl, String apiKey, Duration timeout, int maxRetries,
            Duration retryDelay, Duration retryMaxDelay, boolean circuitBreakerEnabled, Duration uploadTimeout,
            String uploadTlsConfigurationName, String tlsConfigurationName) {
        return build(baseUrl, apiKey, timeout, maxRetries, retryDelay, retryMaxDelay, circuitBreakerEnabled,
                uploadTimeout, uploadTlsConfigurationName, tlsConfigurationName);
    }

    /**
     * @throws IllegalArgumentException naming the first missing or invalid setting
     */
    public static StorageClient blocking(String baseUrl, String apiKey, Duration timeout, int maxRetries,
            Duration retryDelay, Duration retryMaxDelay, boolean circuitBreakerEnabled, Duration uploadTimeout,
            String uploadTlsConfigurationName, String tlsConfigurationName) {
        return new BlockingStorageClientImpl(build(baseUrl, apiKey, timeout, maxRetries, retryDelay, retryMaxDelay,
                circuitBreakerEnabled, uploadTimeout, uploadTlsConfigurationName, tlsConfigurationName));
    }

    private static ReactiveStorageClientImpl build(String baseUrl, String apiKey, Duration timeout, int maxRetries,
            Duration retryDelay, Duration retryMaxDelay, boolean circuitBreakerEnabled, Duration uploadTimeout,
            String uploadTlsConfigurationName, String tlsConfigurationName) {
        ClientSettings settings = ClientSettings.check(NAME,
                BuiltClients::builderMethod,
                baseUrl, apiKey, timeout, maxRetries, retryDelay, retryMaxDelay, circuitBreakerEnabled,
                Integer.parseInt(StorageClientConfig.DEFAULT_CIRCUIT_BREAKER_REQUEST_VOLUME_THRESHOLD),
                Double.parseDouble(StorageClientConfig.DEFAULT_CIRCUIT_BREAKER_FAILURE_RATIO),
                DurationConverter.parseDuration(StorageClientConfig.DEFAULT_CIRCUIT_BREAKER_DELAY), uploadTimeout,
                uploadTlsConfigurationName, tlsConfigurationName);
        return client(settings);
    }

    private static ReactiveStorageClientImpl client(ClientSettings settings) {
        ArcContainer container = Arc.container();
        if (container == null || !container.instance(Vertx.class).isAvailable()) {
            throw new IllegalStateException("StorageClient.builder() works inside a running Quarkus application that"
                    + " has the opengater-storage extension");
        }
        InstanceHandle<TlsConfigurationRegistry> tls = container.instance(TlsConfigurationRegistry.class);
        List<CallTelemetry> telemetry = new ArrayList<>();
        container.select(CallTelemetry.class).forEach(telemetry::add);
        return new ReactiveStorageClientImpl(settings, objectMapper(container), container.instance(Vertx.class).get(),
                tls.isAvailable() ? tls.get() : null, CallTelemetry.of(telemetry), false);
    }

    /**
     * The application's {@code ObjectMapper}, so that its customizations apply to error bodies too.
     */
    private static ObjectMapper objectMapper(ArcContainer container) {
        InstanceHandle<ObjectMapper> handle = container.instance(ObjectMapper.class);
        return handle.isAvailable() ? handle.get() : new ObjectMapper();
    }
}
