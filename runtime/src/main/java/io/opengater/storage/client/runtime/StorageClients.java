package io.opengater.storage.client.runtime;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.quarkus.arc.All;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.vertx.core.Vertx;

/**
 * Holds the clients the application's beans are made from, one pair per client name, created on first use and
 * closed with the container.
 */
@Singleton
public class StorageClients {

    private final StorageConfig config;
    // Looked up when a client is made, not at start: the application's ObjectMapper alone costs about 450 classes
    // and a good part of the extension's start-up time (BENCHMARKS.md), and an application may never use it.
    private final Instance<ObjectMapper> json;
    private final Instance<Vertx> vertx;
    private final Instance<TlsConfigurationRegistry> tls;
    private final CallTelemetry telemetry;
    private final Map<String, ReactiveStorageClientImpl> reactiveClients = new ConcurrentHashMap<>();
    private final Map<String, StorageClient> blockingClients = new ConcurrentHashMap<>();
    private final Map<String, ClientSettings> checked = new ConcurrentHashMap<>();

    StorageClients(StorageConfig config, Instance<ObjectMapper> json, Instance<Vertx> vertx,
            Instance<TlsConfigurationRegistry> tls, @All List<CallTelemetry> telemetry) {
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

    /**
     * Checks a client's configuration without making the client, so that the start fails on a missing or invalid
     * setting while the client itself, and the REST client under it, are made on first use: making the first REST
     * client costs about a quarter of a second of start-up (BENCHMARKS.md).
     *
     * @throws io.quarkus.runtime.configuration.ConfigurationException naming the property
     */
    void check(String name) {
        ClientSettings settings = settings(name);
        ReactiveStorageClientImpl.tlsConfiguration(tls.get(), settings.tlsConfigurationName(), name,
                "tls-configuration-name");
        ReactiveStorageClientImpl.tlsConfiguration(tls.get(), settings.uploadTlsConfigurationName(), name,
                "upload.tls-configuration-name");
    }

    /** Read and checked once: at start for the injected clients, on first lookup for the others. */
    private ClientSettings settings(String name) {
        return checked.computeIfAbsent(name, n -> ClientSettings.fromConfig(n, config.clients().get(n)));
    }

    /** The client of that name, for the readiness check and Dev UI. */
    ReactiveStorageClientImpl client(String name) {
        return reactiveClients.computeIfAbsent(name, n -> new ReactiveStorageClientImpl(
                settings(n), json.get(), vertx.get(), tls.get(), telemetry, true));
    }

    /**
     * @throws io.quarkus.runtime.configuration.ConfigurationException naming the property when the client's
     *         configuration is missing or invalid
     */
    public StorageClient blocking(String name) {
        ReactiveStorageClientImpl reactive = client(name);
        return blockingClients.computeIfAbsent(name, n -> new BlockingStorageClientImpl(reactive));
    }

    /** The clients checked at start (every injected one) and those made since, by name. */
    public Map<String, ClientView> clients() {
        Map<String, ClientView> views = new TreeMap<>();
        checked.forEach((name, settings) -> views.put(name, new ClientView(name, settings.baseUri().toString(),
                CircuitBreakerState.CLOSED.name())));
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
