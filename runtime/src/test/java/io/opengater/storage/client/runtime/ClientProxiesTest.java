package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.proxy.ProxyConfiguration;
import io.quarkus.proxy.ProxyConfigurationRegistry;
import io.quarkus.proxy.ProxyType;
import io.vertx.core.http.HttpClientOptions;

/**
 * How a client's two proxy names are resolved, by a registry that answers as Quarkus's does (a default
 * configuration, {@code none}, {@link IllegalStateException} for a name it does not have), and that what the
 * resolved proxies show never holds a password. {@code ProxyTest} runs them against tinyproxy.
 */
class ClientProxiesTest {

    private static final DefaultConfig DEFAULTS = new DefaultConfig(null, null);

    /** As the registry's own records, whose generated toString() prints the password. */
    private record Proxy(String host, int port, Optional<String> username, Optional<String> password,
            Optional<List<String>> nonProxyHosts, Optional<Duration> proxyConnectTimeout, ProxyType type)
            implements ProxyConfiguration {
    }

    private static final ProxyConfiguration DEFAULT = new Proxy("proxy.internal", 3128, Optional.of("app"),
            Optional.of("default-secret"), Optional.of(List.of("a.internal", "b.internal")),
            Optional.of(Duration.ofSeconds(3)), ProxyType.HTTP);
    private static final ProxyConfiguration CORPORATE = new Proxy("corporate.internal", 8080, Optional.of("app"),
            Optional.of("corporate-secret"), Optional.empty(), Optional.empty(), ProxyType.HTTP);
    private static final ProxyConfiguration NONE = new Proxy("none", 0, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), ProxyType.HTTP);
    private static final ProxyConfiguration SOCKS = new Proxy("socks.internal", 1080, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), ProxyType.SOCKS5);

    private static final ProxyConfigurationRegistry REGISTRY = name -> {
        if (name.isEmpty()) {
            return Optional.of(DEFAULT);
        }
        if (name.get().equals(ProxyConfigurationRegistry.NONE)) {
            return Optional.of(NONE);
        }
        ProxyConfiguration named = Map.of("corporate", CORPORATE, "socks", SOCKS).get(name.get());
        if (named == null) {
            throw new IllegalStateException("Proxy configuration with name " + name.get() + " was not found");
        }
        return Optional.of(named);
    };

    private static ClientProxies resolve(String service, String upload) {
        ClientBuilder builder = new ClientBuilder(null);
        builder.baseUrl("http://storage:8000").apiKey("key").proxyConfigurationName(service)
                .uploadProxyConfigurationName(upload);
        return ClientProxies.resolve(REGISTRY, builder.settings(DEFAULTS, DefaultCredentials.NONE));
    }

    @Test
    void unsetTheServiceCallsAreLeftToTheRestClientAndThePutsTakeTheDefault() {
        ClientProxies proxies = resolve(null, null);

        assertNull(proxies.service());
        assertSame(DEFAULT, proxies.upload());
    }

    @Test
    void namedConfigurationsAndNone() {
        assertSame(CORPORATE, resolve("corporate", "corporate").service());
        assertSame(CORPORATE, resolve("corporate", "corporate").upload());
        // the service keeps none, which the REST client reads as no proxy at all; the PUTs simply have none
        assertSame(NONE, resolve("none", "none").service());
        assertNull(resolve("none", "none").upload());
    }

    @Test
    void anUnknownNameOrASocksProxyIsRefusedNamingTheSetting() {
        assertEquals("proxyConfigurationName \"corprate\" is not a configuration of the Quarkus proxy registry:"
                + " configure quarkus.proxy.\"corprate\".host and .port, or use none for no proxy",
                assertThrows(IllegalArgumentException.class, () -> resolve("corprate", null)).getMessage());
        assertEquals("uploadProxyConfigurationName \"socks\" is a SOCKS5 proxy: only HTTP proxies are supported",
                assertThrows(IllegalArgumentException.class, () -> resolve(null, "socks")).getMessage());
    }

    @Test
    void thePutsGetTheWholeConfiguration() {
        HttpClientOptions options = new HttpClientOptions();

        resolve(null, null).applyTo(options);

        assertEquals("proxy.internal", options.getProxyOptions().getHost());
        assertEquals(3128, options.getProxyOptions().getPort());
        assertEquals("app", options.getProxyOptions().getUsername());
        assertEquals("default-secret", options.getProxyOptions().getPassword());
        assertEquals(Duration.ofSeconds(3), options.getProxyOptions().getConnectTimeout());
        assertEquals(List.of("a.internal", "b.internal"), options.getNonProxyHosts());
        HttpClientOptions direct = new HttpClientOptions();
        resolve(null, "none").applyTo(direct);
        assertNull(direct.getProxyOptions());
    }

    @Test
    void whatTheyShowHoldsNoPassword() {
        for (ClientProxies proxies : List.of(resolve(null, null), resolve("corporate", "none"))) {
            String shown = proxies.toString();
            assertFalse(shown.contains("secret"), shown);
        }
        assertEquals("ClientProxies[service=corporate.internal:8080, upload=none]",
                resolve("corporate", "none").toString());
    }
}
