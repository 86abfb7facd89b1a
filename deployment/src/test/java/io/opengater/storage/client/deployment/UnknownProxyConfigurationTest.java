package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A proxy configuration name that Quarkus's proxy registry does not have stops the start, naming the property and
 * what to configure; the client is never made.
 */
class UnknownProxyConfigurationTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class, Causes.class))
            .overrideConfigKey("quarkus.opengater-storage.base-url", "http://127.0.0.1:9")
            .overrideConfigKey("quarkus.opengater-storage.api-key", "test-key")
            .overrideConfigKey("quarkus.opengater-storage.proxy-configuration-name", "corporate")
            .assertException(t -> {
                String chain = Causes.chain(t);
                assertTrue(chain.contains("quarkus.opengater-storage.proxy-configuration-name \"corporate\" is not a"
                        + " configuration of the Quarkus proxy registry: configure quarkus.proxy.\"corporate\".host"
                        + " and .port, or use none for no proxy"), chain);
            });

    @Test
    void startupFails() {
        Assertions.fail("startup should have failed");
    }
}
