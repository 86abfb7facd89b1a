package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A credentials-provider.bean-name that no CredentialsProvider bean has stops the application at start, naming the
 * property of the named client, before any key is read.
 */
class UnknownCredentialsProviderBeanTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NamedClientMissingBaseUrlTest.MediaUser.class, Causes.class,
                    StaticCredentials.class))
            .overrideConfigKey("quarkus.opengater-storage.\"media\".base-url", "http://127.0.0.1:9")
            .overrideConfigKey("quarkus.opengater-storage.\"media\".credentials-provider.name", "media")
            .overrideConfigKey("quarkus.opengater-storage.\"media\".credentials-provider.bean-name",
                    "vault-credentials-provider")
            .assertException(t -> {
                String chain = Causes.chain(t);
                assertTrue(chain.contains("quarkus.opengater-storage.\"media\".credentials-provider.bean-name"
                        + " \"vault-credentials-provider\" names no CredentialsProvider bean"), chain);
            });

    // not run when startup fails as expected; fails the class if it starts
    @Test
    void startupFails() {
        Assertions.fail("startup should have failed");
    }
}
