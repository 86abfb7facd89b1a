package io.opengater.storage.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.condition.DisabledIf;

import io.quarkus.test.common.PropertyTestUtil;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link CredentialsProviderTest} against the packaged application, a separate process: the provider bean is found by
 * its {@code @Named} name in the executable, the rotation goes through the fake's control route, and the secrecy check
 * reads the application's own log file.
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
@TestProfile(CredentialsProviderTest.LoudLogging.class)
class CredentialsProviderIT extends CredentialsProviderTest {

    /** The application's log file, read until the REST client's log of the last call is in it. */
    @Override
    String log() throws Exception {
        Path file = Path.of(PropertyTestUtil.getLogFileLocation());
        String log = "";
        for (int attempt = 0; attempt < 50 && !log.contains("Invalid API key"); attempt++) {
            Thread.sleep(100);
            log = Files.exists(file) ? Files.readString(file) : "";
        }
        assertTrue(log.contains("Invalid API key"), file + " does not show the refused calls:\n" + log);
        return log;
    }
}
