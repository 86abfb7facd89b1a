package io.opengater.storage.client.runtime;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.Dependent;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientBuilder;
import io.opengater.storage.client.UploadChecksum;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * {@code StorageClient.builder()}: collects the settings it is given by property name, and builds with them, and the
 * defaults of {@link StorageClientConfig} for the rest, through the same check and factory as an injected client. A
 * new builder for each lookup.
 */
@Dependent
final class ClientBuilder implements StorageClientBuilder {

    /** Messages name the builder's methods: {@code retryDelay} for {@code retry.delay}. */
    static final ClientSettings.SettingNames METHOD_NAMES = new ClientSettings.SettingNames() {
        @Override
        public String name(String setting) {
            if (setting.equals("retry.max-retries")) {
                return "maxRetries";
            }
            StringBuilder method = new StringBuilder(setting.length());
            for (int i = 0; i < setting.length(); i++) {
                char c = setting.charAt(i);
                if ((c == '-' || c == '.') && i + 1 < setting.length()) {
                    method.append(Character.toUpperCase(setting.charAt(++i)));
                } else {
                    method.append(c);
                }
            }
            return method.toString();
        }

        @Override
        public String notSet(String setting, String what) {
            return name(setting) + " is not set: give " + what;
        }
    };

    private final StorageClients clients;
    private final Map<String, Object> given = new HashMap<>();

    ClientBuilder(StorageClients clients) {
        this.clients = clients;
    }

    @Override
    public StorageClientBuilder baseUrl(String baseUrl) {
        return set("base-url", baseUrl);
    }

    @Override
    public StorageClientBuilder apiKey(String apiKey) {
        return set("api-key", apiKey);
    }

    @Override
    public StorageClientBuilder credentialsProviderName(String credentialsProviderName) {
        return set("credentials-provider.name", credentialsProviderName);
    }

    @Override
    public StorageClientBuilder credentialsProviderBeanName(String credentialsProviderBeanName) {
        return set("credentials-provider.bean-name", credentialsProviderBeanName);
    }

    @Override
    public StorageClientBuilder credentialsProviderApiKeyKey(String credentialsProviderApiKeyKey) {
        return set("credentials-provider.api-key-key", credentialsProviderApiKeyKey);
    }

    @Override
    public StorageClientBuilder timeout(Duration timeout) {
        return set("timeout", timeout);
    }

    @Override
    public StorageClientBuilder maxRetries(int maxRetries) {
        return set("retry.max-retries", maxRetries);
    }

    @Override
    public StorageClientBuilder retryDelay(Duration retryDelay) {
        return set("retry.delay", retryDelay);
    }

    @Override
    public StorageClientBuilder retryMaxDelay(Duration retryMaxDelay) {
        return set("retry.max-delay", retryMaxDelay);
    }

    @Override
    public StorageClientBuilder circuitBreakerEnabled(boolean circuitBreakerEnabled) {
        return set("circuit-breaker.enabled", circuitBreakerEnabled);
    }

    @Override
    public StorageClientBuilder uploadTimeout(Duration uploadTimeout) {
        return set("upload.timeout", uploadTimeout);
    }

    @Override
    public StorageClientBuilder tlsConfigurationName(String tlsConfigurationName) {
        return set("tls-configuration-name", tlsConfigurationName);
    }

    @Override
    public StorageClientBuilder uploadTlsConfigurationName(String uploadTlsConfigurationName) {
        return set("upload.tls-configuration-name", uploadTlsConfigurationName);
    }

    @Override
    public StorageClientBuilder uploadChecksum(UploadChecksum uploadChecksum) {
        return set("upload.checksum", uploadChecksum);
    }

    @Override
    public StorageClientBuilder uploadMaxSize(long uploadMaxSize) {
        return set("upload.max-size", new MemorySize(BigInteger.valueOf(uploadMaxSize)));
    }

    @Override
    public StorageClientBuilder uploadRenewExpired(boolean uploadRenewExpired) {
        return set("upload.renew-expired", uploadRenewExpired);
    }

    @Override
    public StorageClientBuilder proxyConfigurationName(String proxyConfigurationName) {
        return set("proxy-configuration-name", proxyConfigurationName);
    }

    @Override
    public StorageClientBuilder uploadProxyConfigurationName(String uploadProxyConfigurationName) {
        return set("upload.proxy-configuration-name", uploadProxyConfigurationName);
    }

    @Override
    public StorageClient build() {
        return buildReactive().blocking();
    }

    @Override
    public ReactiveStorageClientImpl buildReactive() {
        return clients.build(settings(clients.builtClientDefaults(), clients.builtClientCredentialsDefaults()),
                ReactiveStorageClientImpl.Owner.CALLER);
    }

    private ClientBuilder set(String setting, Object value) {
        given.put(setting, value);
        return this;
    }

    /** What was given so far, and the defaults for the rest, checked. */
    ClientSettings settings(StorageClientConfig defaults,
            StorageCredentialsConfig.CredentialsProviderConfig credentialsDefaults) {
        Map<String, Object> settings = Collections.unmodifiableMap(new HashMap<>(given));
        return ClientSettings.check(StorageConfig.BUILT_CLIENT_NAME, new GivenConfig(settings, defaults),
                new GivenCredentials(settings, credentialsDefaults), METHOD_NAMES);
    }

    /** Leaves the API key out. */
    @Override
    public String toString() {
        Map<String, Object> shown = new HashMap<>(given);
        shown.computeIfPresent("api-key", (setting, key) -> "***");
        return "StorageClientBuilder" + shown;
    }

    /** What the builder was given, else the defaults. */
    private record GivenConfig(Map<String, Object> given, StorageClientConfig defaults) implements StorageClientConfig {

        @SuppressWarnings("unchecked")
        private <T> T value(String setting, T otherwise) {
            return given.containsKey(setting) ? (T) given.get(setting) : otherwise;
        }

        @Override
        public Optional<String> baseUrl() {
            return Optional.ofNullable(value("base-url", null));
        }

        @Override
        public Optional<String> apiKey() {
            return Optional.ofNullable(value("api-key", null));
        }

        @Override
        public Duration timeout() {
            return value("timeout", defaults.timeout());
        }

        @Override
        public Optional<String> tlsConfigurationName() {
            return Optional.ofNullable(value("tls-configuration-name", null));
        }

        @Override
        public Optional<String> proxyConfigurationName() {
            return Optional.ofNullable(value("proxy-configuration-name", null));
        }

        @Override
        public RetryConfig retry() {
            return new RetryConfig() {
                @Override
                public int maxRetries() {
                    return value("retry.max-retries", defaults.retry().maxRetries());
                }

                @Override
                public Duration delay() {
                    return value("retry.delay", defaults.retry().delay());
                }

                @Override
                public Duration maxDelay() {
                    return value("retry.max-delay", defaults.retry().maxDelay());
                }
            };
        }

        @Override
        public UploadConfig upload() {
            return new UploadConfig() {
                @Override
                public Duration timeout() {
                    return value("upload.timeout", defaults.upload().timeout());
                }

                @Override
                public Optional<String> tlsConfigurationName() {
                    return Optional.ofNullable(value("upload.tls-configuration-name", null));
                }

                @Override
                public UploadChecksum checksum() {
                    return value("upload.checksum", defaults.upload().checksum());
                }

                @Override
                public MemorySize maxSize() {
                    return value("upload.max-size", defaults.upload().maxSize());
                }

                @Override
                public boolean renewExpired() {
                    return value("upload.renew-expired", defaults.upload().renewExpired());
                }

                @Override
                public Optional<String> proxyConfigurationName() {
                    return Optional.ofNullable(value("upload.proxy-configuration-name", null));
                }
            };
        }

        @Override
        public CircuitBreakerConfig circuitBreaker() {
            return new CircuitBreakerConfig() {
                @Override
                public boolean enabled() {
                    return value("circuit-breaker.enabled", defaults.circuitBreaker().enabled());
                }

                @Override
                public int requestVolumeThreshold() {
                    return defaults.circuitBreaker().requestVolumeThreshold();
                }

                @Override
                public double failureRatio() {
                    return defaults.circuitBreaker().failureRatio();
                }

                @Override
                public Duration delay() {
                    return defaults.circuitBreaker().delay();
                }
            };
        }
    }

    /** The credentials provider the builder was given, else the defaults. */
    private record GivenCredentials(Map<String, Object> given,
            StorageCredentialsConfig.CredentialsProviderConfig defaults)
            implements StorageCredentialsConfig.CredentialsProviderConfig {

        @Override
        public Optional<String> name() {
            return Optional.ofNullable((String) given.get("credentials-provider.name"));
        }

        @Override
        public Optional<String> beanName() {
            return Optional.ofNullable((String) given.get("credentials-provider.bean-name"));
        }

        @Override
        public String apiKeyKey() {
            return given.containsKey("credentials-provider.api-key-key")
                    ? (String) given.get("credentials-provider.api-key-key")
                    : defaults.apiKeyKey();
        }
    }
}
