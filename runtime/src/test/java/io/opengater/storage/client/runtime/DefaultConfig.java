package io.opengater.storage.client.runtime;

import java.time.Duration;
import java.util.Optional;

/** The defaults of {@link StorageClientConfig}, as its {@code @WithDefault}s give them, with an address and a key. */
record DefaultConfig(String url, String key) implements StorageClientConfig {
    @Override
    public Optional<String> baseUrl() {
        return Optional.ofNullable(url);
    }

    @Override
    public Optional<String> apiKey() {
        return Optional.ofNullable(key);
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
