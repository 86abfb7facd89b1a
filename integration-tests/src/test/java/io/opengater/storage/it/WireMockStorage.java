package io.opengater.storage.it;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server on a random loopback port standing in for opengater-storage, small enough for a 2-core machine.
 * It points the default client at itself, under the path given by the {@code path} argument ({@code /storage} unless
 * told otherwise), with {@link #API_KEY}.
 */
public class WireMockStorage implements QuarkusTestResourceLifecycleManager {

    /** The key the tests configure; distinctive, so that the secrecy test can look for it anywhere. */
    public static final String API_KEY = "ogs-test-key-7c1d92e4a5b6";

    private WireMockServer server;
    private String path = "/storage";

    @Override
    public void init(Map<String, String> initArgs) {
        path = initArgs.getOrDefault("path", path);
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .jettyAcceptors(1)
                .containerThreads(12));
        server.start();
        return Map.of(
                "quarkus.opengater-storage.base-url", "http://127.0.0.1:" + server.port() + path,
                "quarkus.opengater-storage.api-key", API_KEY);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
