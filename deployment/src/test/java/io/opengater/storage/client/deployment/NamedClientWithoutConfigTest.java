package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageClientName;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A name that is injected but configured nowhere builds, since its settings may come from the environment in
 * production, and then fails the start, naming both properties and their environment variables.
 */
class NamedClientWithoutConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(MediaUser.class, Causes.class))
            .overrideConfigKey("quarkus.opengater-storage.base-url", "http://127.0.0.1:9")
            .overrideConfigKey("quarkus.opengater-storage.api-key", "default-key")
            // in dev and test mode, Dev Services would configure the client
            .overrideConfigKey("quarkus.opengater-storage.devservices.enabled", "false")
            .assertException(t -> {
                String chain = Causes.chain(t);
                assertFalse(chain.contains("BuildException"), chain);
                assertTrue(chain.contains("quarkus.opengater-storage.\"media\".base-url is not set (environment"
                        + " variable QUARKUS_OPENGATER_STORAGE__MEDIA__BASE_URL)"), chain);
                assertTrue(chain.contains("quarkus.opengater-storage.\"media\".api-key is not set (environment"
                        + " variable QUARKUS_OPENGATER_STORAGE__MEDIA__API_KEY)"), chain);
            });

    @Test
    void startupFails() {
        Assertions.fail("startup should have failed");
    }

    @Singleton
    static class MediaUser {
        @Inject
        @StorageClientName("media")
        ReactiveStorageClient media;
    }
}
