package io.opengater.storage.client.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
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
        Duration circuitBreakerDelay) {

    /**
     * Reads and checks a configured client.
     *
     * @throws ConfigurationException naming the property, when a setting is missing or invalid
     */
    static ClientSettings fromConfig(String name, StorageClientConfig config) {
        UnaryOperator<String> property = attribute -> StorageConfig.propertyName(name, attribute);
        try {
            String baseUrl = config.baseUrl().orElseThrow(() -> new IllegalArgumentException(property.apply("base-url")
                    + " is not set: set it to the address of the opengater-storage service, such as"
                    + " http://opengater-storage:8000"));
            String apiKey = config.apiKey().orElseThrow(() -> new IllegalArgumentException(property.apply("api-key")
                    + " is not set: set it to the service's API key, for example through the environment variable "
                    + environmentVariable(property.apply("api-key"))));
            return new ClientSettings(name,
                    baseUri(property.apply("base-url"), baseUrl),
                    apiKey(property.apply("api-key"), apiKey),
                    positive(property.apply("timeout"), config.timeout()),
                    notNegative(property.apply("retry.max-retries"), config.retry().maxRetries()),
                    notNegative(property.apply("retry.delay"), config.retry().delay()),
                    notNegative(property.apply("retry.max-delay"), config.retry().maxDelay()),
                    config.circuitBreaker().enabled(),
                    positive(property.apply("circuit-breaker.request-volume-threshold"),
                            config.circuitBreaker().requestVolumeThreshold()),
                    ratio(property.apply("circuit-breaker.failure-ratio"), config.circuitBreaker().failureRatio()),
                    notNegative(property.apply("circuit-breaker.delay"), config.circuitBreaker().delay()));
        } catch (IllegalArgumentException invalid) {
            throw new ConfigurationException(invalid.getMessage());
        }
    }

    /**
     * An absolute {@code http} or {@code https} URL with a host; a trailing slash is dropped so that the API's paths
     * are appended to the base path exactly once.
     */
    static URI baseUri(String setting, String value) {
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
        return URI.create(scheme.toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority() + path);
    }

    /**
     * A key that can travel in a header: not blank, no surrounding spaces, visible ASCII only. The message never
     * repeats the key.
     */
    static String apiKey(String setting, String value) {
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

    private static String environmentVariable(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Leaves the API key out, unlike the generated record {@code toString()}. */
    @Override
    public String toString() {
        return "ClientSettings[name=" + name + ", baseUri=" + baseUri + ", apiKey=***, timeout=" + timeout
                + ", maxRetries=" + maxRetries + ", retryDelay=" + retryDelay + ", retryMaxDelay=" + retryMaxDelay
                + ", circuitBreakerEnabled=" + circuitBreakerEnabled + "]";
    }
}
