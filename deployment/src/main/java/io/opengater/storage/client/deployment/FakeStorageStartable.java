package io.opengater.storage.client.deployment;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.opengater.storage.testing.FakeStorageServer;
import io.quarkus.deployment.builditem.Startable;

/**
 * The embedded opengater-storage as a Dev Service: a {@link FakeStorageServer} in the application's own process.
 */
final class FakeStorageStartable implements Startable {

    private static final Logger LOG = Logger.getLogger(FakeStorageStartable.class);

    private final int port;
    private final String apiKey;
    private FakeStorageServer server;

    FakeStorageStartable(int port, Optional<String> apiKey) {
        this.port = port;
        this.apiKey = apiKey.orElseGet(FakeStorageServer::generateApiKey);
    }

    @Override
    public void start() {
        long started = System.nanoTime();
        server = FakeStorageServer.start(port, apiKey);
        // Quarkus itself logs the one line users see, with the address; this one adds the start-up time.
        LOG.debugf("Started the embedded opengater-storage on %s in %d ms", server.baseUrl(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public String getConnectionInfo() {
        return server.baseUrl();
    }

    String apiKey() {
        return apiKey;
    }

    /** In process: no container. */
    @Override
    public String getContainerId() {
        return null;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            LOG.debugf("Stopped the embedded opengater-storage on %s", server.baseUrl());
        }
    }
}
