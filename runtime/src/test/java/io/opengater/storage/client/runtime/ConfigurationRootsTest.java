package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The run-time configuration roots can be read by the SmallRye Config of this Quarkus, as an application's start reads
 * them. Building the configuration sorts each root's property names, to match environment variables, with a
 * comparator that breaks its contract for a named client's property that matches a default client's group property
 * ({@code "*".timeout} and {@code upload.timeout}); from 32 names in a root on, that sort can throw
 * ("Comparison method violates its general contract!") and no application starts. This test fails then, in the
 * build, naming the root; the way out is a root of its own for the new properties, as {@link StorageCredentialsConfig}
 * is.
 */
class ConfigurationRootsTest {

    @Test
    void theRunTimeRootsBuildAConfigurationForTheDefaultAndANamedClient() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                // Quarkus's, for 30S and 200MS
                .withConverter(Duration.class, 200, new DurationConverter())
                // Quarkus's, for 5G
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(StorageConfig.class)
                .withMapping(StorageCredentialsConfig.class)
                .withSources(new PropertiesConfigSource(Map.of(
                        "quarkus.opengater-storage.base-url", "http://storage:8000",
                        "quarkus.opengater-storage.credentials-provider.name", "storage",
                        "quarkus.opengater-storage.\"media\".base-url", "http://media:8000",
                        "quarkus.opengater-storage.\"media\".upload.timeout", "1M",
                        "quarkus.opengater-storage.\"media\".credentials-provider.api-key-key", "token"),
                        "ConfigurationRootsTest", 100))
                .build();

        StorageConfig clients = config.getConfigMapping(StorageConfig.class);
        StorageCredentialsConfig credentials = config.getConfigMapping(StorageCredentialsConfig.class);
        assertEquals(Optional.of("http://media:8000"), clients.clients().get("media").baseUrl());
        assertEquals(Duration.ofMinutes(1), clients.clients().get("media").upload().timeout());
        assertEquals(Optional.of("storage"),
                credentials.clients().get(StorageConfig.DEFAULT_CLIENT_NAME).credentialsProvider().name());
        assertEquals("token", credentials.clients().get("media").credentialsProvider().apiKeyKey());
        assertEquals("api-key", credentials.clients().get("unconfigured").credentialsProvider().apiKeyKey());
    }
}
