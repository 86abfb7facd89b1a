package io.opengater.storage.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fake opengater-storage for {@code @QuarkusTest}s that do without Dev Services (or turned them off): it starts a
 * {@link FakeStorageServer} and points the default client, and the clients named in the {@code clients} argument
 * (comma-separated), at it. {@link FakeStorage} can be injected as with Dev Services, or reached through
 * {@link ConnectFakeStorage}, in {@code @QuarkusIntegrationTest}s too.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(value = FakeStorageResource.class, initArgs = &#64;ResourceArg(name = "clients", value = "media"))
 * class UploadTest { ... }
 * </pre>
 */
public class FakeStorageResource implements QuarkusTestResourceLifecycleManager {

    private String[] clients = new String[0];
    private FakeStorageServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        String names = initArgs.getOrDefault("clients", "").strip();
        clients = names.isEmpty() ? new String[0] : names.split("\\s*,\\s*");
    }

    @Override
    public Map<String, String> start() {
        server = FakeStorageServer.start(0, FakeStorageServer.generateApiKey());
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.opengater-storage.base-url", server.baseUrl());
        config.put("quarkus.opengater-storage.api-key", server.apiKey());
        for (String client : clients) {
            config.put("quarkus.opengater-storage.\"" + client + "\".base-url", server.baseUrl());
            config.put("quarkus.opengater-storage.\"" + client + "\".api-key", server.apiKey());
        }
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
