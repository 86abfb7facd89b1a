package io.opengater.storage.client.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * The defaults of {@link StorageClientConfig}, as its {@code @WithDefault}s give them, with an address and a key, or the
 * names of credentials and of their provider's bean.
 */
record DefaultConfig(String url, String key, String credentials, String credentialsBean)
        implements StorageClientConfig {

    DefaultConfig(String url, String key) {
        this(url, key, null, null);
    }

    @Override
    public Optional<String> baseUrl() {
        return Optional.ofNullable(url);
    }

    @Override
    public Optional<String> apiKey() {
        return Optional.ofNullable(key);
    }

    @Override
    public CredentialsProviderConfig credentialsProvider() {
        return new CredentialsProviderConfig() {
            @Override
            public Optional<String> name() {
                return Optional.ofNullable(credentials);
            }

            @Override
            public Optional<String> beanName() {
                return Optional.ofNullable(credentialsBean);
            }

            @Override
            public String apiKeyKey() {
                return "api-key";
            }
        };
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Optional<String> tlsConfigurationName() {
        return Optional.empty();
    }

    @Override
    public RetryConfig retry() {
        return new RetryConfig() {
            @Override
            public int maxRetries() {
                return 2;
            }

            @Override
            public Duration delay() {
                return Duration.ofMillis(200);
            }

            @Override
            public Duration maxDelay() {
                return Duration.ofSeconds(5);
            }
        };
    }

    @Override
    public UploadConfig upload() {
        return new UploadConfig() {
            @Override
            public Duration timeout() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Optional<String> tlsConfigurationName() {
                return Optional.empty();
            }
        };
    }

    @Override
    public CircuitBreakerConfig circuitBreaker() {
        return new CircuitBreakerConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int requestVolumeThreshold() {
                return 20;
            }

            @Override
            public double failureRatio() {
                return 0.5;
            }

            @Override
            public Duration delay() {
                return Duration.ofSeconds(5);
            }
        };
    }
}
