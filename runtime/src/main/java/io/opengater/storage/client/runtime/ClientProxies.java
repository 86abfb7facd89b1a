package io.opengater.storage.client.runtime;

import java.util.Optional;

import io.quarkus.proxy.ProxyConfiguration;
import io.quarkus.proxy.ProxyConfigurationRegistry;
import io.quarkus.proxy.ProxyType;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.ProxyOptions;

/**
 * The proxies of one client, as Quarkus's proxy registry resolves their names ({@code quarkus.proxy."name".*}, the
 * default configuration, {@code none}), applied to the REST client of the service calls and to the Vert.x client of
 * the {@code PUT}s. Over plain {@code http} a request goes to the proxy; to an {@code https} host, Vert.x opens a
 * tunnel with {@code CONNECT}.
 *
 * @param service the proxy of the service calls, the registry's {@code none} to call directly, or {@code null} when no
 *        name is given: the REST client then takes the proxy any Quarkus REST client would
 * @param upload the proxy of the {@code PUT}s, or {@code null} for none
 */
record ClientProxies(ProxyConfiguration service, ProxyConfiguration upload) {

    /**
     * Looks both names up.
     *
     * @param registry the proxy registry, which every application with the REST client has
     * @throws IllegalArgumentException naming the setting when the registry does not have a name, or it is not an HTTP
     *         proxy
     */
    static ClientProxies resolve(ProxyConfigurationRegistry registry, ClientSettings settings) {
        Optional<String> serviceName = settings.config().proxyConfigurationName();
        ProxyConfiguration service = serviceName.isEmpty() ? null
                : lookup(registry, settings, "proxy-configuration-name", serviceName);
        ProxyConfiguration upload = lookup(registry, settings, "upload.proxy-configuration-name",
                settings.config().upload().proxyConfigurationName());
        return new ClientProxies(service, isNone(upload) ? null : upload);
    }

    /** The named configuration, or for no name the registry's default; {@code null} when there is none. */
    private static ProxyConfiguration lookup(ProxyConfigurationRegistry registry, ClientSettings settings,
            String setting, Optional<String> name) {
        ProxyConfiguration proxy;
        try {
            proxy = registry.get(name).orElse(null);
        } catch (IllegalStateException notInTheRegistry) {
            throw unknown(settings, setting, name.orElseThrow());
        }
        if (proxy != null && !isNone(proxy) && proxy.type() != ProxyType.HTTP) {
            throw new IllegalArgumentException(settings.names().name(setting) + " \""
                    + name.orElse("<default>") + "\" is a " + proxy.type() + " proxy: only HTTP proxies are supported");
        }
        return proxy;
    }

    private static IllegalArgumentException unknown(ClientSettings settings, String setting, String name) {
        return new IllegalArgumentException(settings.names().name(setting) + " \"" + name
                + "\" is not a configuration of the Quarkus proxy registry: configure quarkus.proxy.\"" + name
                + "\".host and .port, or use none for no proxy");
    }

    /** The registry's {@code none}: a configuration whose host is {@code none}, as the REST client reads it too. */
    private static boolean isNone(ProxyConfiguration proxy) {
        return proxy != null && ProxyConfigurationRegistry.NONE.equals(proxy.host());
    }

    /** The service's proxy on the REST client; without a name given, the REST client keeps its own choice. */
    void applyTo(QuarkusRestClientBuilder rest) {
        if (service == null) {
            return;
        }
        // "none" with port 0 is the REST client's own word for no proxy, which also keeps the JVM's http.proxyHost off
        rest.proxyAddress(service.host(), service.port());
        if (isNone(service)) {
            return;
        }
        if (service.username().isPresent() && service.password().isPresent()) {
            rest.proxyUser(service.username().get());
            rest.proxyPassword(service.password().get());
        }
        // the REST client splits its non-proxy hosts at '|' (its own use of the registry joins them with ',', so that
        // two hosts would become one)
        service.nonProxyHosts().ifPresent(hosts -> rest.nonProxyHosts(String.join("|", hosts)));
        service.proxyConnectTimeout().ifPresent(rest::proxyConnectTimeout);
    }

    /** The uploads' proxy on the Vert.x client of the {@code PUT}s. */
    void applyTo(HttpClientOptions options) {
        if (upload == null) {
            return;
        }
        ProxyOptions proxy = new ProxyOptions().setType(io.vertx.core.net.ProxyType.HTTP).setHost(upload.host())
                .setPort(upload.port());
        if (upload.username().isPresent() && upload.password().isPresent()) {
            proxy.setUsername(upload.username().get()).setPassword(upload.password().get());
        }
        upload.proxyConnectTimeout().ifPresent(proxy::setConnectTimeout);
        options.setProxyOptions(proxy);
        upload.nonProxyHosts().ifPresent(options::setNonProxyHosts);
    }

    /** Where the proxies are, never their credentials (the registry's own {@code toString()} prints the password). */
    @Override
    public String toString() {
        return "ClientProxies[service=" + (service == null ? "<the REST client's>" : address(service)) + ", upload="
                + (upload == null ? "none" : address(upload)) + "]";
    }

    private static String address(ProxyConfiguration proxy) {
        return isNone(proxy) ? "none" : proxy.host() + ":" + proxy.port();
    }
}
