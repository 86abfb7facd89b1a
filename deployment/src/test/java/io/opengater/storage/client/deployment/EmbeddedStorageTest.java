package io.opengater.storage.client.deployment;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;

import io.opengater.storage.testing.FakeStorage;

/**
 * A test on the embedded storage that Dev Services start: its address and key, and its handle, emptied before each
 * test.
 */
abstract class EmbeddedStorageTest {

    @ConfigProperty(name = "quarkus.opengater-storage.base-url")
    String baseUrl;

    @ConfigProperty(name = "quarkus.opengater-storage.api-key")
    String apiKey;

    FakeStorage fake;

    @BeforeEach
    void emptyTheEmbeddedStorage() {
        fake = new FakeStorage(baseUrl);
        fake.reset();
    }
}
