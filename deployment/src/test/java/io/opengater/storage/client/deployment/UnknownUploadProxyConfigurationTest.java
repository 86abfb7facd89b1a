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

/**
 * The uploads' proxy of a named client is checked at start as well: a name the registry does not have stops it,
 * naming the client's property, even when the registry has configurations of other names.
 */
class UnknownUploadProxyConfigurationTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(MediaUser.class, Causes.class))
            .overrideConfigKey("quarkus.opengater-storage.\"media\".base-url", "http://127.0.0.1:9")
            .overrideConfigKey("quarkus.opengater-storage.\"media\".api-key", "media-key")
            .overrideConfigKey("quarkus.proxy.\"corporate\".host", "127.0.0.1")
            .overrideConfigKey("quarkus.proxy.\"corporate\".port", "3128")
            .overrideConfigKey("quarkus.opengater-storage.\"media\".proxy-configuration-name", "corporate")
            .overrideConfigKey("quarkus.opengater-storage.\"media\".upload.proxy-configuration-name", "corprate")
            .overrideConfigKey("quarkus.opengater-storage.devservices.enabled", "false")
            .assertException(t -> {
                String chain = Causes.chain(t);
                assertTrue(chain.contains("quarkus.opengater-storage.\"media\".upload.proxy-configuration-name"
                        + " \"corprate\" is not a configuration of the Quarkus proxy registry"), chain);
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
