package io.opengater.storage.client.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The checked settings of one client. Every check names the setting it is about, through the {@code settingName}
 * function: the full property name for configured clients.
 *
 * @param name the client's name, for logs and messages
 * @param baseUri the service's address, without a trailing slash
 * @param apiKey the value of {@code X-API-Key}; never printed
 */
record ClientSettings(
        String name,
        URI baseUri,
        String apiKey,
        Duration timeout,
        int maxRetries,
        Duration retryDelay,
        Duration retryMaxDelay,
        boolean circuitBreakerEnabled,
        int circuitBreakerRequestVolumeThreshold,
        double circuitBreakerFailureRatio,
        Duration circuitBreakerDelay,
        Duration uploadTimeout,
        String uploadTlsConfigurationName,
        String tlsConfigurationName) {

    /**
     * Reads and checks a configured client.
     *
     * @throws ConfigurationException naming the property, when a setting is missing or invalid
     */
    static ClientSettings fromConfig(String name, StorageClientConfig config) {
        UnaryOperator<String> property = attribute -> StorageConfig.propertyName(name, attribute);
        List<String> missing = new ArrayList<>(2);
        if (config.baseUrl().isEmpty()) {
            missing.add(notSet(property.apply("base-url"), "the address of the opengater-storage service, such as"
                    + " http://opengater-storage:8000"));
        }
        if (config.apiKey().isEmpty()) {
            missing.add(notSet(property.apply("api-key"), "the service's API key"));
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException(String.join("; ", missing));
        }
        try {
            return check(name, property, config.baseUrl().get(), config.apiKey().get(), config.timeout(),
                    config.retry().maxRetries(), config.retry().delay(), config.retry().maxDelay(),
                    config.circuitBreaker().enabled(), config.circuitBreaker().requestVolumeThreshold(),
                    config.circuitBreaker().failureRatio(), config.circuitBreaker().delay(), config.upload().timeout(),
                    config.upload().tlsConfigurationName().orElse(null), config.tlsConfigurationName().orElse(null));
        } catch (IllegalArgumentException invalid) {
            throw new ConfigurationException(invalid.getMessage());
        }
    }

    private static String notSet(String property, String what) {
        return property + " is not set (environment variable " + ClientNames.environmentVariable(property)
                + "): set it to " + what;
    }

    /**
     * Checks every setting, naming it through {@code setting} (which maps a property such as {@code retry.delay} to
     * the name the user knows it by).
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    static ClientSettings check(String name, UnaryOperator<String> setting, String baseUrl, String apiKey,
            Duration timeout, int maxRetries, Duration retryDelay, Duration retryMaxDelay,
            boolean circuitBreakerEnabled, int circuitBreakerRequestVolumeThreshold,
            double circuitBreakerFailureRatio, Duration circuitBreakerDelay, Duration uploadTimeout,
            String uploadTlsConfigurationName, String tlsConfigurationName) {
        return new ClientSettings(name,
                baseUri(setting.apply("base-url"), baseUrl),
                apiKey(setting.apply("api-key"), apiKey),
                positive(setting.apply("timeout"), timeout),
                notNegative(setting.apply("retry.max-retries"), maxRetries),
                notNegative(setting.apply("retry.delay"), retryDelay),
                notNegative(setting.apply("retry.max-delay"), retryMaxDelay),
                circuitBreakerEnabled,
                positive(setting.apply("circuit-breaker.request-volume-threshold"),
                        circuitBreakerRequestVolumeThreshold),
                ratio(setting.apply("circuit-breaker.failure-ratio"), circuitBreakerFailureRatio),
                notNegative(setting.apply("circuit-breaker.delay"), circuitBreakerDelay),
                positive(setting.apply("upload.timeout"), uploadTimeout),
                uploadTlsConfigurationName,
                tlsConfigurationName);
    }

    /**
     * An absolute {@code http} or {@code https} URL with a host; a trailing slash is dropped so that the API's paths
     * are appended to the base path exactly once.
     */
    static URI baseUri(String setting, String value) {
        if (value == null) {
            throw new IllegalArgumentException(setting + " is not set: give the address of the opengater-storage"
                    + " service, such as http://opengater-storage:8000");
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException malformed) {
            throw new IllegalArgumentException(setting + " must be an absolute http or https URL, such as"
                    + " http://opengater-storage:8000, but '" + value + "' is malformed: " + malformed.getReason());
        }
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException(setting + " must be an absolute http or https URL with a host, such as"
                    + " http://opengater-storage:8000, but was '" + value + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    setting + " must not have a query or a fragment, but was '" + value + "'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme.toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path);
    }

    /**
     * A key that can travel in a header: not blank, no surrounding spaces, visible ASCII only. The message never
     * repeats the key.
     */
    static String apiKey(String setting, String value) {
        if (value == null) {
            throw new IllegalArgumentException(setting + " is not set: give the service's API key");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(setting + " must not be blank");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(setting + " must not start or end with white space");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException(setting + " must hold only visible ASCII characters (it is sent"
                        + " as an HTTP header), but has another at index " + i);
            }
        }
        return value;
    }

    static Duration positive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration, such as 30S, was " + value);
        }
        return value;
    }

    static Duration notNegative(String setting, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(setting + " must not be negative, was " + value);
        }
        return value;
    }

    static int notNegative(String setting, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(setting + " must not be negative, was " + value);
        }
        return value;
    }

    static int positive(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, was " + value);
        }
        return value;
    }

    static double ratio(String setting, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(setting + " must be between 0 and 1, was " + value);
        }
        return value;
    }

    /** Leaves the API key out, unlike the generated record {@code toString()}. */
    @Override
    public String toString() {
        return "ClientSettings[name=" + name + ", baseUri=" + baseUri + ", apiKey=***, timeout=" + timeout
                + ", maxRetries=" + maxRetries + ", retryDelay=" + retryDelay + ", retryMaxDelay=" + retryMaxDelay
                + ", circuitBreakerEnabled=" + circuitBreakerEnabled + ", uploadTimeout=" + uploadTimeout + "]";
    }
}
