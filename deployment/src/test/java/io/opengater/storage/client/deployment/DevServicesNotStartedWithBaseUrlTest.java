package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A client with a {@code base-url} gets no embedded storage: the configured address stays. The named client beside it,
 * without one, gets the embedded storage: the one start logged is its, which also shows that the log is read.
 */
class DevServicesNotStartedWithBaseUrlTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class, MediaUser.class))
            .overrideConfigKey("quarkus.opengater-storage.base-url", "http://127.0.0.1:9/storage")
            .overrideConfigKey("quarkus.opengater-storage.api-key", "configured-key")
            .setLogRecordPredicate(record -> record.getLoggerName().endsWith("DevServicesRegistryBuildItem"))
            .assertLogRecords(records -> assertEquals(1, records.stream()
                    .filter(record -> record.getMessage().contains("ready to accept connections")).count(),
                    "one embedded storage, for the named client only: " + records));

    @Inject
    StorageClient storage;

    @Inject
    MediaUser mediaUser;

    @ConfigProperty(name = "quarkus.opengater-storage.\"media\".base-url")
    String mediaBaseUrl;

    @Test
    void theConfiguredAddressIsUsedAndOnlyTheOtherClientIsServed() {
        assertTrue(storage.toString().contains("http://127.0.0.1:9/storage"), storage.toString());
        assertTrue(mediaBaseUrl.matches("http://127\\.0\\.0\\.1:\\d+"), mediaBaseUrl);
        assertNotEquals("http://127.0.0.1:9", mediaBaseUrl);
        assertTrue(mediaUser.media.toString().contains(mediaBaseUrl), mediaUser.media.toString());
    }

    @Singleton
    static class MediaUser {
        @Inject
        @StorageClientName("media")
        StorageClient media;
    }
}
