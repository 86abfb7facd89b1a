package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.StorageClient;
import io.quarkus.test.QuarkusUnitTest;

/** A client with a {@code base-url} gets no embedded storage: the configured address stays. */
class DevServicesNotStartedWithBaseUrlTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class))
            .overrideConfigKey("quarkus.opengater-storage.base-url", "http://127.0.0.1:9/storage")
            .overrideConfigKey("quarkus.opengater-storage.api-key", "configured-key")
            .setLogRecordPredicate(record -> record.getLoggerName().endsWith("DevServicesRegistryBuildItem"))
            .assertLogRecords(records -> assertTrue(records.isEmpty(), "the embedded storage started: " + records));

    @Inject
    StorageClient storage;

    @Test
    void theConfiguredAddressIsUsed() {
        assertTrue(storage.toString().contains("http://127.0.0.1:9/storage"), storage.toString());
    }
}
