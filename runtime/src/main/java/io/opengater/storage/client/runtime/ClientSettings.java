package io.opengater.storage.client.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * The checked settings of one client, configured ({@code quarkus.opengater-storage.*}) or built
 * ({@code StorageClient.builder()}): both fill a {@link StorageClientConfig} and a
 * {@link StorageCredentialsConfig.CredentialsProviderConfig}, and {@link #check} checks them once, naming each setting
 * as the user wrote it.
 *
 * @param name the client's name, for logs and messages
 * @param baseUri the service's address, without a trailing slash
 * @param apiKey the value of {@code X-API-Key}, or {@code null} when a credentials provider gives it
 *        ({@link #keyFromCredentialsProvider()}); never printed
 * @param config every other setting, checked
 * @param credentialsProvider where the key comes from when not from {@code api-key}, checked
 * @param names how messages name the settings
 */
record ClientSettings(String name, URI baseUri, String apiKey, StorageClientConfig config,
        StorageCredentialsConfig.CredentialsProviderConfig credentialsProvider, SettingNames names) {

    /** How messages name a setting: by its property, or by the builder method that sets it. */
    interface SettingNames {

        /**
         * @param setting the property below the client, as {@code retry.delay}
         * @return the name the user knows it by
         */
        String name(String setting);

        /**
         * @param setting a required property below the client, as {@code base-url}
         * @param what what to set it to
         * @return the message for the setting left out
         */
        String notSet(String setting, String what);
    }

    /** Properties, as {@code quarkus.opengater-storage."media".retry.delay}, with their environment variables. */
    static SettingNames properties(String client) {
        return new SettingNames() {
            @Override
            public String name(String setting) {
                return StorageConfig.propertyName(client, setting);
            }

            @Override
            public String notSet(String setting, String what) {
                String property = name(setting);
                return property + " is not set (environment variable " + ClientNames.environmentVariable(property)
                        + "): set it to " + what;
            }
        };
    }

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException naming every required setting left out, or else the first invalid one
     */
    static ClientSettings check(String name, StorageClientConfig config,
            StorageCredentialsConfig.CredentialsProviderConfig provider, SettingNames names) {
        List<String> missing = new ArrayList<>(2);
        if (config.baseUrl().isEmpty()) {
            missing.add(names.notSet("base-url", "the address of the opengater-storage service, such as"
                    + " http://opengater-storage:8000"));
        }
        if (config.apiKey().isPresent() && provider.name().isPresent()) {
            throw new IllegalArgumentException(names.name("api-key") + " and " + names.name("credentials-provider.name")
                    + " are both set, and the key must come from one of them: leave " + names.name("api-key")
                    + " unset to read the key from the credentials provider, or "
                    + names.name("credentials-provider.name") + " unset to use " + names.name("api-key"));
        }
        if (provider.beanName().isPresent() && provider.name().isEmpty()) {
            throw new IllegalArgumentException(names.name("credentials-provider.bean-name") + " is set, but "
                    + names.name("credentials-provider.name") + " is not: set it to the name of the credentials that"
                    + " hold the API key, or leave both unset");
        }
        if (config.apiKey().isEmpty() && provider.name().isEmpty()) {
            missing.add(names.notSet("api-key", "the service's API key"));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", missing));
        }
        URI baseUri = baseUri(names.name("base-url"), config.baseUrl().get());
        String apiKey = null;
        if (provider.name().isPresent()) {
            notBlank(names.name("credentials-provider.name"), provider.name().get());
            provider.beanName().ifPresent(bean -> notBlank(names.name("credentials-provider.bean-name"), bean));
            notBlank(names.name("credentials-provider.api-key-key"), provider.apiKeyKey());
        } else {
            apiKey = apiKey(names.name("api-key"), config.apiKey().get());
        }
        positive(names.name("timeout"), config.timeout());
        notNegative(names.name("retry.max-retries"), config.retry().maxRetries());
        notNegative(names.name("retry.delay"), config.retry().delay());
        notNegative(names.name("retry.max-delay"), config.retry().maxDelay());
        positive(names.name("circuit-breaker.request-volume-threshold"),
                config.circuitBreaker().requestVolumeThreshold());
        ratio(names.name("circuit-breaker.failure-ratio"), config.circuitBreaker().failureRatio());
        notNegative(names.name("circuit-breaker.delay"), config.circuitBreaker().delay());
        positive(names.name("upload.timeout"), config.upload().timeout());
        if (config.upload().checksum() == null) {
            throw new IllegalArgumentException(names.name("upload.checksum") + " must not be null: give MD5 or NONE");
        }
        positive(names.name("upload.max-size"), config.upload().maxSize());
        return new ClientSettings(name, baseUri, apiKey, config, provider, names);
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
        } catch (NumberFormatException malformedAddress) {
            // Java 17's parser throws it for some malformed IPv6 addresses, such as [::4444444444.1]
            throw new IllegalArgumentException(setting + " must be an absolute http or https URL, such as"
                    + " http://opengater-storage:8000, but '" + value + "' is malformed: a malformed IP address");
        }
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException(setting + " must be an absolute http or https URL with a host, such as"
                    + " http://opengater-storage:8000, but was '" + value + "'");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new IllegalArgumentException(setting + " must have a port between 1 and 65535, but was '" + value
                    + "'");
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

    /** Whether the key is read from a credentials provider rather than configured. */
    boolean keyFromCredentialsProvider() {
        return apiKey == null;
    }

    private static void notBlank(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " must not be blank");
        }
    }

    private static void positive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration, such as 30S, was " + value);
        }
    }

    private static void notNegative(String setting, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(setting + " must not be negative, was " + value);
        }
    }

    private static void notNegative(String setting, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(setting + " must not be negative, was " + value);
        }
    }

    private static void positive(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, was " + value);
        }
    }

    private static void positive(String setting, MemorySize value) {
        if (value == null || value.asBigInteger().signum() <= 0) {
            throw new IllegalArgumentException(setting + " must be a positive size, such as 5G, was "
                    + (value == null ? null : value.asBigInteger() + " bytes"));
        }
    }

    private static void ratio(String setting, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(setting + " must be between 0 and 1, was " + value);
        }
    }

    /** Leaves the API key out, unlike the generated record {@code toString()}; of the proxies only their names. */
    @Override
    public String toString() {
        return "ClientSettings[name=" + name + ", baseUri=" + baseUri + ", apiKey="
                + (keyFromCredentialsProvider() ? "<credentials provider>" : "***") + ", timeout=" + config.timeout()
                + ", maxRetries=" + config.retry().maxRetries() + ", retryDelay=" + config.retry().delay()
                + ", retryMaxDelay=" + config.retry().maxDelay() + ", circuitBreakerEnabled="
                + config.circuitBreaker().enabled() + ", uploadTimeout=" + config.upload().timeout()
                + ", uploadChecksum=" + config.upload().checksum() + ", uploadMaxSize="
                + config.upload().maxSize().asBigInteger() + ", uploadRenewExpired=" + config.upload().renewExpired()
                + ", proxyConfigurationName=" + config.proxyConfigurationName().orElse("<unset>")
                + ", uploadProxyConfigurationName=" + config.upload().proxyConfigurationName().orElse("<unset>") + "]";
    }
}
