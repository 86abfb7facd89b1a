package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** An upload.checksum other than md5 or none stops the application, naming the property and the values allowed. */
class UnknownUploadChecksumTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class, Causes.class))
            .overrideConfigKey("quarkus.opengater-storage.base-url", "http://127.0.0.1:9")
            .overrideConfigKey("quarkus.opengater-storage.api-key", "test-key")
            .overrideConfigKey("quarkus.opengater-storage.upload.checksum", "sha1")
            .assertException(t -> {
                String chain = Causes.chain(t);
                assertTrue(chain.contains("quarkus.opengater-storage.upload.checksum"), chain);
                assertTrue(chain.contains("md5") && chain.contains("none"), chain);
            });

    // not run when startup fails as expected; fails the class if it starts
    @Test
    void startupFails() {
        Assertions.fail("startup should have failed");
    }
}
