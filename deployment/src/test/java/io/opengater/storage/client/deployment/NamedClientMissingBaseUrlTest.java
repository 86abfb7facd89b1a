package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.quarkus.test.QuarkusUnitTest;

/** An injected named client with a key but no address stops the application, naming the full property. */
class NamedClientMissingBaseUrlTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(MediaUser.class, Causes.class))
            .overrideConfigKey("quarkus.opengater-storage.\"media\".api-key", "media-key")
            // in dev and test mode, Dev Services would supply the address
            .overrideConfigKey("quarkus.opengater-storage.devservices.enabled", "false")
            .assertException(t -> {
                String chain = Causes.chain(t);
                assertTrue(chain.contains("quarkus.opengater-storage.\"media\".base-url is not set"), chain);
            });

    @Test
    void startupFails() {
        Assertions.fail("startup should have failed");
    }

    @Singleton
    static class MediaUser {
        @Inject
        @StorageClientName("media")
        StorageClient media;
    }
}
