package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** An upload.max-size of 0 stops the application, naming the property. */
class InvalidUploadMaxSizeTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class, Causes.class))
            .overrideConfigKey("quarkus.opengater-storage.base-url", "http://127.0.0.1:9")
            .overrideConfigKey("quarkus.opengater-storage.api-key", "test-key")
            .overrideConfigKey("quarkus.opengater-storage.upload.max-size", "0")
            .assertException(t -> {
                String chain = Causes.chain(t);
                assertTrue(chain.contains("quarkus.opengater-storage.upload.max-size must be a positive size, such"
                        + " as 5G, was 0 bytes"), chain);
            });

    // not run when startup fails as expected; fails the class if it starts
    @Test
    void startupFails() {
        Assertions.fail("startup should have failed");
    }
}
