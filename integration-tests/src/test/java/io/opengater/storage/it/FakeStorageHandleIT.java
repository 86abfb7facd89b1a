package io.opengater.storage.it;

import org.junit.jupiter.api.condition.DisabledIf;

import io.opengater.storage.it.support.NoBreakerProfile;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link FakeStorageHandleTest} against the packaged application, a separate process: the handles reach the fakes
 * in the test's process through the test resources' properties.
 */
@QuarkusIntegrationTest
@DisabledIf(value = "io.opengater.storage.it.support.NativeExecutable#requestedButMissing",
        disabledReason = "no native executable: GraalVM or Mandrel is not installed (GRAALVM_HOME)")
@TestProfile(NoBreakerProfile.class)
class FakeStorageHandleIT extends FakeStorageHandleTest {
}
