package io.opengater.storage.it.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * WireMock servers on random loopback ports standing in for opengater-storage, small enough for a 2-core machine:
 * one for the default client, under the path given by the {@code path} argument ({@code /storage} unless told
 * otherwise), and one for each of the application's named clients, {@code media} and {@code documents}, each with
 * its own key.
 */
public class WireMockStorage implements QuarkusTestResourceLifecycleManager {

    /** The default client's key; distinctive, so that the secrecy test can look for it anywhere. */
    public static final String API_KEY = "ogs-test-key-7c1d92e4a5b6";
    /** The named clients' keys. */
    public static final Map<String, String> NAMED_API_KEYS = Map.of(
            "media", "ogs-media-key-41b2",
            "documents", "ogs-documents-key-9e07");

    private final Map<String, WireMockServer> servers = new LinkedHashMap<>();
    private String path = "/storage";

    @Override
    public void init(Map<String, String> initArgs) {
        path = initArgs.getOrDefault("path", path);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.opengater-storage.base-url", start("").baseUrl() + path);
        config.put("quarkus.opengater-storage.api-key", API_KEY);
        NAMED_API_KEYS.forEach((name, key) -> {
            config.put("quarkus.opengater-storage.\"" + name + "\".base-url", start(name).baseUrl() + "/" + name);
            config.put("quarkus.opengater-storage.\"" + name + "\".api-key", key);
        });
        return config;
    }

    private WireMockServer start(String client) {
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .jettyAcceptors(1)
                .containerThreads(8));
        server.start();
        servers.put(client, server);
        return server;
    }

    @Override
    public void inject(TestInjector testInjector) {
        servers.forEach((client, server) -> testInjector.injectIntoFields(server,
                field -> field.getType() == WireMockServer.class && field.isAnnotationPresent(InjectWireMock.class)
                        && field.getAnnotation(InjectWireMock.class).value().equals(client)));
    }

    @Override
    public void stop() {
        servers.values().forEach(WireMockServer::stop);
    }
}
