package io.opengater.storage.client.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.quarkus.arc.All;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;

/**
 * Holds the clients the application's beans are made from, one pair per client name, created on first use and
 * closed with the container.
 */
@Singleton
public class StorageClients {

    private final StorageConfig config;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final TlsConfigurationRegistry tls;
    private final CallTelemetry telemetry;
    private final Map<String, ReactiveStorageClientImpl> reactiveClients = new ConcurrentHashMap<>();
    private final Map<String, StorageClient> blockingClients = new ConcurrentHashMap<>();

    StorageClients(StorageConfig config, ObjectMapper json, Vertx vertx, TlsConfigurationRegistry tls,
            @All List<CallTelemetry> telemetry) {
        this.config = config;
        this.json = json;
        this.vertx = vertx;
        this.tls = tls;
        this.telemetry = CallTelemetry.of(telemetry);
    }

    /**
     * @throws io.quarkus.runtime.configuration.ConfigurationException naming the property when the client's
     *         configuration is missing or invalid
     */
    public ReactiveStorageClient reactive(String name) {
        return client(name);
    }

    /** The client of that name, for the readiness check and Dev UI. */
    ReactiveStorageClientImpl client(String name) {
        return reactiveClients.computeIfAbsent(name, n -> new ReactiveStorageClientImpl(
                ClientSettings.fromConfig(n, config.clients().get(n)), json, vertx, tls, telemetry, true));
    }

    /**
     * @throws io.quarkus.runtime.configuration.ConfigurationException naming the property when the client's
     *         configuration is missing or invalid
     */
    public StorageClient blocking(String name) {
        ReactiveStorageClientImpl reactive = client(name);
        return blockingClients.computeIfAbsent(name, n -> new BlockingStorageClientImpl(reactive));
    }

    /** The clients made so far, by name: every injected one, as they are made at start. */
    public Map<String, ClientView> clients() {
        Map<String, ClientView> views = new java.util.TreeMap<>();
        reactiveClients.forEach((name, client) -> views.put(name, new ClientView(name,
                client.settings().baseUri().toString(), client.circuitBreakerState().name())));
        return views;
    }

    /**
     * What tools (Dev UI) may show of a client: never its key.
     *
     * @param circuitBreakerState {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
     */
    public record ClientView(String name, String baseUrl, String circuitBreakerState) {
    }

    @PreDestroy
    void close() {
        reactiveClients.values().forEach(ReactiveStorageClientImpl::shutdown);
    }
}
