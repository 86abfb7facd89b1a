package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * An api-key beside a credentials provider stops the application, naming both properties, since the key cannot come
 * from both; the message never repeats the key.
 */
class ApiKeyAndCredentialsProviderTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class, Causes.class,
                    StaticCredentials.class))
            .overrideConfigKey("quarkus.opengater-storage.base-url", "http://127.0.0.1:9")
            .overrideConfigKey("quarkus.opengater-storage.api-key", "ogs-both-key-6120")
            .overrideConfigKey("quarkus.opengater-storage.credentials-provider.name", "storage")
            .assertException(t -> {
                String chain = Causes.chain(t);
                assertTrue(chain.contains("quarkus.opengater-storage.api-key and"
                        + " quarkus.opengater-storage.credentials-provider.name are both set"), chain);
                assertFalse(chain.contains("ogs-both-key-6120"), chain);
            });

    // not run when startup fails as expected; fails the class if it starts
    @Test
    void startupFails() {
        Assertions.fail("startup should have failed");
    }
}
