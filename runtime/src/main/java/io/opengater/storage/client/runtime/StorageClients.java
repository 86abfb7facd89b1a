package io.opengater.storage.client.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
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
    private final Map<String, ReactiveStorageClientImpl> reactiveClients = new ConcurrentHashMap<>();
    private final Map<String, StorageClient> blockingClients = new ConcurrentHashMap<>();

    StorageClients(StorageConfig config, ObjectMapper json, Vertx vertx, TlsConfigurationRegistry tls) {
        this.config = config;
        this.json = json;
        this.vertx = vertx;
        this.tls = tls;
    }

    /**
     * @throws io.quarkus.runtime.configuration.ConfigurationException naming the property when the client's
     *         configuration is missing or invalid
     */
    public ReactiveStorageClient reactive(String name) {
        return client(name);
    }

    private ReactiveStorageClientImpl client(String name) {
        return reactiveClients.computeIfAbsent(name, n -> new ReactiveStorageClientImpl(
                ClientSettings.fromConfig(n, config.clients().get(n)), json, vertx, tls, true));
    }

    /**
     * @throws io.quarkus.runtime.configuration.ConfigurationException naming the property when the client's
     *         configuration is missing or invalid
     */
    public StorageClient blocking(String name) {
        ReactiveStorageClientImpl reactive = client(name);
        return blockingClients.computeIfAbsent(name, n -> new BlockingStorageClientImpl(reactive));
    }

    @PreDestroy
    void close() {
        reactiveClients.values().forEach(ReactiveStorageClientImpl::shutdown);
    }
}
