package io.opengater.storage.it.support;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A {@link TinyproxyProcess} with Basic authentication, a {@link RecordingRelay} in front of it, and configurations of
 * Quarkus's proxy registry for them:
 * <ul>
 * <li>the default one ({@code quarkus.proxy.*}): tinyproxy, with the right username and password;</li>
 * <li>{@code wrong-password}, {@code anonymous} (no credentials), {@code from-provider} (the right ones, from the
 * application's {@code proxy-credentials} credentials provider), {@code recorded} (through the relay),
 * {@code bypass} (with non-proxy hosts that hold {@code localhost}, WireMock's host) and {@code socks} (not an HTTP
 * proxy).</li>
 * </ul>
 * The default client leaves both names unset, so it takes the default; {@code media} calls the service through
 * {@code wrong-password}; {@code documents} calls the service directly ({@code none}) and uploads through
 * {@code wrong-password}. The proxy and the relay are injected into fields of their types.
 */
public class TinyproxyResource implements QuarkusTestResourceLifecycleManager {

    public static final String USER = "proxy-user";
    /** Distinctive, so that the secrecy checks can look for it anywhere. */
    public static final String PASSWORD = "proxy-secret-5d21e9";
    public static final String WRONG_PASSWORD = "proxy-wrong-88c4b1";

    private TinyproxyProcess tinyproxy;
    private RecordingRelay relay;

    @Override
    public Map<String, String> start() {
        tinyproxy = TinyproxyProcess.start(USER, PASSWORD);
        relay = new RecordingRelay(tinyproxy.port());
        String port = String.valueOf(tinyproxy.port());
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.proxy.host", "127.0.0.1");
        config.put("quarkus.proxy.port", port);
        config.put("quarkus.proxy.username", USER);
        config.put("quarkus.proxy.password", PASSWORD);
        proxy(config, "wrong-password", port).putAll(Map.of(
                "quarkus.proxy.\"wrong-password\".username", USER,
                "quarkus.proxy.\"wrong-password\".password", WRONG_PASSWORD));
        proxy(config, "anonymous", port);
        proxy(config, "from-provider", port).putAll(Map.of(
                "quarkus.proxy.\"from-provider\".credentials-provider.name", "tinyproxy",
                "quarkus.proxy.\"from-provider\".credentials-provider.bean-name", "proxy-credentials",
                "it.proxy-credentials.user", USER,
                "it.proxy-credentials.password", PASSWORD));
        proxy(config, "recorded", String.valueOf(relay.port())).putAll(Map.of(
                "quarkus.proxy.\"recorded\".username", USER,
                "quarkus.proxy.\"recorded\".password", PASSWORD));
        proxy(config, "bypass", port).putAll(Map.of(
                "quarkus.proxy.\"bypass\".username", USER,
                "quarkus.proxy.\"bypass\".password", PASSWORD,
                // two hosts, so that they must be passed on as two
                "quarkus.proxy.\"bypass\".non-proxy-hosts", "storage.invalid,localhost"));
        proxy(config, "socks", port).put("quarkus.proxy.\"socks\".type", "socks5");
        config.put("quarkus.opengater-storage.\"media\".proxy-configuration-name", "wrong-password");
        config.put("quarkus.opengater-storage.\"documents\".proxy-configuration-name", "none");
        config.put("quarkus.opengater-storage.\"documents\".upload.proxy-configuration-name", "wrong-password");
        return config;
    }

    private static Map<String, String> proxy(Map<String, String> config, String name, String port) {
        config.put("quarkus.proxy.\"" + name + "\".host", "127.0.0.1");
        config.put("quarkus.proxy.\"" + name + "\".port", port);
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(tinyproxy, field -> field.getType() == TinyproxyProcess.class);
        testInjector.injectIntoFields(relay, field -> field.getType() == RecordingRelay.class);
    }

    @Override
    public void stop() {
        if (relay != null) {
            relay.close();
        }
        if (tinyproxy != null) {
            tinyproxy.close();
        }
    }
}
