package io.opengater.storage.client.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A client whose properties appear only at run time, and that nothing injects, cannot get beans (they are made when
 * the application is built): the start says so in a warning that names the property and what to do, instead of a
 * lookup failing later without a word.
 */
class ClientConfiguredOnlyAtRunTimeTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DefaultClientUser.class))
            .overrideConfigKey("quarkus.opengater-storage.base-url", "http://127.0.0.1:9")
            .overrideConfigKey("quarkus.opengater-storage.api-key", "default-key")
            .overrideRuntimeConfigKey("quarkus.opengater-storage.\"late\".base-url", "http://127.0.0.1:9/late")
            .overrideRuntimeConfigKey("quarkus.opengater-storage.\"late\".api-key", "late-key")
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                    && record.getLoggerName().startsWith("io.opengater"))
            .assertLogRecords(records -> {
                assertEquals(1, records.size(), () -> records.stream().map(r -> r.getMessage()).toList().toString());
                String message = String.format(records.get(0).getMessage().replaceAll("\\{\\d}", "%s"),
                        records.get(0).getParameters());
                assertTrue(message.contains("quarkus.opengater-storage.\"late\".base-url is set, but the application"
                        + " has no opengater-storage client late"), message);
                assertTrue(message.contains("@StorageClientName(\"late\")"), message);
                assertFalse(message.contains("late-key"), message);
            });

    @Test
    void theLateClientHasNoBeanAndTheDefaultOneWorks() {
        assertFalse(Arc.container().select(StorageClient.class, StorageClientName.Literal.of("late")).isResolvable());
        assertTrue(Arc.container().select(StorageClient.class).isResolvable());
    }
}
