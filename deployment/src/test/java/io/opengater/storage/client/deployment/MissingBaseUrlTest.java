package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Without a base-url the application does not start, and says which property to set. */
class MissingBaseUrlTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class, Causes.class))
            .overrideConfigKey("quarkus.opengater-storage.api-key", "test-key")
            // without Dev Services, nothing supplies the address
            .overrideConfigKey("quarkus.opengater-storage.devservices.enabled", "false")
            .assertException(t -> {
                String chain = Causes.chain(t);
                assertTrue(chain.contains("quarkus.opengater-storage.base-url"), chain);
                assertTrue(chain.contains("is not set"), chain);
            });

    // not run when startup fails as expected; fails the class if it starts
    @Test
    void startupFails() {
        Assertions.fail("startup should have failed");
    }
}
