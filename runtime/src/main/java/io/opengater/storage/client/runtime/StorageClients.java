package io.opengater.storage.client.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClient;
import io.quarkus.arc.All;
import io.quarkus.credentials.CredentialsProvider;
import io.quarkus.credentials.runtime.CredentialsProviderFinder;
import io.quarkus.proxy.ProxyConfigurationRegistry;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.vertx.core.Vertx;

/**
 * Makes every client, injected and built, with {@link #build}, and holds those the container owns: one per client
 * name, made on first use and closed with the container.
 */
@Singleton
public class StorageClients {

    private final StorageConfig config;
    private final StorageCredentialsConfig credentials;
    // Looked up when a client is made, not at start: the application's ObjectMapper alone costs about 450 classes,
    // and an application may never use a client.
    private final Instance<ObjectMapper> json;
    private final Instance<Vertx> vertx;
    private final Instance<TlsConfigurationRegistry> tls;
    private final Instance<ProxyConfigurationRegistry> proxies;
    private final CallTelemetry telemetry;
    /** Shared by all clients, injected and built, and closed with the container; no thread until first used. */
    private final AttemptTimeouts timeouts = new AttemptTimeouts();
    private final Map<String, ClientSettings> checked = new ConcurrentHashMap<>();
    private final Map<String, ReactiveStorageClientImpl> managed = new ConcurrentHashMap<>();

    StorageClients(StorageConfig config, StorageCredentialsConfig credentials, Instance<ObjectMapper> json,
            Instance<Vertx> vertx, Instance<TlsConfigurationRegistry> tls, Instance<ProxyConfigurationRegistry> proxies,
            @All List<CallTelemetry> telemetry) {
        this.config = config;
        this.credentials = credentials;
        this.json = json;
        this.vertx = vertx;
        this.tls = tls;
        this.proxies = proxies;
        this.telemetry = CallTelemetry.of(telemetry);
    }

    /**
     * Checks a client's configuration without making the client, so that the start fails on a missing or invalid
     * setting, while the client, and the REST client under it, are made on first use.
     *
     * @throws ConfigurationException naming the property
     */
    void check(String name) {
        ClientSettings settings = settings(name);
        configurationOf(() -> {
            tlsConfiguration(settings, "tls-configuration-name", settings.config().tlsConfigurationName());
            tlsConfiguration(settings, "upload.tls-configuration-name",
                    settings.config().upload().tlsConfigurationName());
            ClientProxies.resolve(proxies.get(), settings);
            if (settings.keyFromCredentialsProvider()) {
                // found, not asked: the key is read when the client is first used
                credentialsProvider(settings);
            }
            return null;
        });
    }

    /**
     * @throws ConfigurationException naming the property when the client's configuration is missing or invalid
     */
    public ReactiveStorageClient reactive(String name) {
        return managed(name);
    }

    /**
     * @throws ConfigurationException naming the property when the client's configuration is missing or invalid
     */
    public StorageClient blocking(String name) {
        return managed(name).blocking();
    }

    /** The client of that name that the container owns: its beans, its readiness check and Dev UI use it. */
    ReactiveStorageClientImpl managed(String name) {
        return managed.computeIfAbsent(name,
                n -> configurationOf(() -> build(settings(n), ReactiveStorageClientImpl.Owner.CONTAINER)));
    }

    /** Read and checked once: at start for the injected clients, on first lookup for the others. */
    private ClientSettings settings(String name) {
        return checked.computeIfAbsent(name, n -> configurationOf(
                () -> ClientSettings.check(n, config.clients().get(n),
                        credentials.clients().get(n).credentialsProvider(), ClientSettings.properties(n))));
    }

    /** A setting of the configuration is wrong: the start fails, naming the property. */
    private static <T> T configurationOf(Supplier<T> checked) {
        try {
            return checked.get();
        } catch (IllegalArgumentException invalid) {
            throw new ConfigurationException(invalid.getMessage());
        }
    }

    /** What a builder starts from: the configuration's defaults. */
    StorageClientConfig builtClientDefaults() {
        return config.clients().get(StorageConfig.BUILT_CLIENT_NAME);
    }

    /** What a builder starts from for the key's credentials provider: the configuration's defaults. */
    StorageCredentialsConfig.CredentialsProviderConfig builtClientCredentialsDefaults() {
        return credentials.clients().get(StorageConfig.BUILT_CLIENT_NAME).credentialsProvider();
    }

    /**
     * The one factory of clients: the REST client and the {@code PUT}s, with their TLS and proxies, the guards, the
     * facades.
     *
     * @param owner who closes the client: the container, or the caller who built it
     * @throws IllegalArgumentException when a TLS or proxy configuration it names is not in its registry, or no
     *         {@code CredentialsProvider} bean is the one its key is to come from
     */
    ReactiveStorageClientImpl build(ClientSettings settings, ReactiveStorageClientImpl.Owner owner) {
        // All looked up before anything is made, so that an unknown name leaves nothing to close.
        TlsConfiguration serviceTls = tlsConfiguration(settings, "tls-configuration-name",
                settings.config().tlsConfigurationName());
        TlsConfiguration uploadTls = tlsConfiguration(settings, "upload.tls-configuration-name",
                settings.config().upload().tlsConfigurationName());
        ClientProxies clientProxies = ClientProxies.resolve(proxies.get(), settings);
        ApiKeySource keys = apiKeySource(settings);
        ObjectMapper mapper = json.get();
        CallGuard serviceGuard = new CallGuard(settings, "opengater-storage client " + settings.name(),
                settings.config().timeout(), true, true, telemetry, timeouts);
        StorageService service = new StorageService(settings, keys, mapper, serviceTls, clientProxies, serviceGuard);
        Vertx eventLoops = vertx.get();
        PresignedPut put = new PresignedPut(eventLoops, settings, mapper, uploadTls, clientProxies, telemetry,
                timeouts);
        ReactiveStorageClientImpl client = new ReactiveStorageClientImpl(settings, service,
                new ObjectUploads(settings, service, put, eventLoops), owner);
        return client;
    }

    /** The configured key, or the credentials provider's, which is read on first use. */
    private static ApiKeySource apiKeySource(ClientSettings settings) {
        if (!settings.keyFromCredentialsProvider()) {
            return new ConfiguredApiKey(settings.apiKey());
        }
        StorageCredentialsConfig.CredentialsProviderConfig provider = settings.credentialsProvider();
        String described = "the credentials \"" + provider.name().get() + "\" ("
                + settings.names().name("credentials-provider.name") + ") of the CredentialsProvider"
                + provider.beanName().map(bean -> " bean \"" + bean + "\"").orElse("");
        return new ProvidedApiKey(credentialsProvider(settings), provider.name().get(), provider.apiKeyKey(),
                described, settings.config().timeout());
    }

    /**
     * The bean that {@code credentials-provider.bean-name} names, or the application's only
     * {@link CredentialsProvider}, found as Quarkus's datasources and proxy registry find theirs.
     *
     * @throws IllegalArgumentException naming the setting when there is no such bean
     */
    private static CredentialsProvider credentialsProvider(ClientSettings settings) {
        Optional<String> bean = settings.credentialsProvider().beanName();
        try {
            return CredentialsProviderFinder.find(bean.orElse(null));
        } catch (RuntimeException notFound) {
            // null when the container has no such bean, a ClassCastException when the named bean is something else
            String reason = bean.isPresent()
                    ? settings.names().name("credentials-provider.bean-name") + " \"" + bean.get() + "\" names no"
                            + " CredentialsProvider bean: give the bean @Named(\"" + bean.get() + "\"), or set the"
                            + " name it has"
                    : settings.names().name("credentials-provider.name") + " is set, and the application has no"
                            + " CredentialsProvider bean, or more than one: add one (such as the Vault extension's),"
                            + " or name the one to use with " + settings.names().name("credentials-provider.bean-name");
            throw new IllegalArgumentException(reason);
        }
    }

    /** The named configuration of the TLS registry, {@code null} for none. */
    private TlsConfiguration tlsConfiguration(ClientSettings settings, String setting, Optional<String> name) {
        if (name.isEmpty()) {
            return null;
        }
        return (tls.isResolvable() ? tls.get().get(name.get()) : Optional.<TlsConfiguration> empty())
                .orElseThrow(() -> new IllegalArgumentException(settings.names().name(setting) + " \"" + name.get()
                        + "\" is not a configuration of the Quarkus TLS registry: configure quarkus.tls.\""
                        + name.get() + "\".*"));
    }

    /** The clients checked at start (every injected one) and those made since, by name. */
    public Map<String, ClientView> clients() {
        Map<String, ClientView> views = new TreeMap<>();
        checked.forEach((name, settings) -> views.put(name, new ClientView(name, settings.baseUri().toString(),
                CircuitBreakerState.CLOSED.name())));
        managed.forEach((name, client) -> views.put(name, new ClientView(name,
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
        managed.values().forEach(ReactiveStorageClientImpl::release);
        timeouts.close();
    }
}
