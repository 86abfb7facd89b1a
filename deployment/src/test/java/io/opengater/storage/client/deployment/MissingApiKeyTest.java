package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Without an api-key the application does not start, and points to the property and its environment variable. */
class MissingApiKeyTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class, Causes.class))
            .overrideConfigKey("quarkus.opengater-storage.base-url", "http://127.0.0.1:9")
            .assertException(t -> {
                String chain = Causes.chain(t);
                assertTrue(chain.contains("quarkus.opengater-storage.api-key"), chain);
                assertTrue(chain.contains("QUARKUS_OPENGATER_STORAGE_API_KEY"), chain);
            });

    // not run when startup fails as expected; fails the class if it starts
    @Test
    void startupFails() {
        Assertions.fail("startup should have failed");
    }
}
