package io.opengater.storage.it;

import org.junit.jupiter.api.condition.DisabledIf;

import io.opengater.storage.it.support.ApplicationLogFile;
import io.opengater.storage.it.support.LoudLoggingProfile;
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
@TestProfile(LoudLoggingProfile.class)
class CredentialsProviderIT extends CredentialsProviderTest {

    /** The application's log file, read until the REST client's log of the last call is in it. */
    @Override
    String log() throws Exception {
        return ApplicationLogFile.readOnceItShows("Invalid API key");
    }
}
